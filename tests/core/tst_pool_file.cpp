// SPDX-License-Identifier: MIT
#include "pools/pool_file.h"
#include "util/file_io.h"

#include "core_printers.h"
#include <QProcess>
#include <QTemporaryDir>

#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace baton::core;

namespace {

std::string poolPath(const char* name) {
    return std::string(BATON_TEST_DATA "/pools/") + name;
}

bool mentions(const std::vector<Diagnostic>& ds, const std::string& text) {
    return std::any_of(ds.begin(), ds.end(),
                       [&](const Diagnostic& d) { return d.toString().find(text) != std::string::npos; });
}

} // namespace

class TestPoolFile : public QObject {
    Q_OBJECT
private slots:
    void loadsValidPool() {
        auto loaded = loadPoolFile(poolPath("valid.json"));
        QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
        const Pool& pool = loaded->pool;
        QCOMPARE(pool.models.size(), size_t(3));
        QVERIFY(pool.models[1].provider == ProviderKind::Anthropic);
        QCOMPARE(pool.models[1].keyRef.kind, KeyRef::Kind::Keychain);
        QCOMPARE(pool.models[1].keyRef.name, std::string("baton/anthropic"));
        // Where the key is read from when no keychain has it.
        QCOMPARE(pool.models[1].keyRef.environmentVariable(), std::string("BATON_KEY_BATON_ANTHROPIC"));
        QCOMPARE(pool.models[0].keyRef.environmentVariable(), pool.models[0].keyRef.name); // env:NAME is NAME
        QCOMPARE(KeyRef{}.environmentVariable(), std::string());
        QCOMPARE(pool.models[0].contextWindow.value(), int64_t(128000));
        QCOMPARE(pool.models[2].priceOverride->prices.output.value(), 0.0);
        QCOMPARE(pool.models[2].tags.at("weights"), std::string("open"));
        QCOMPARE(pool.strategies.at("cheap-first").kind, std::string("cascade"));
        QCOMPARE(pool.strategies.at("cheap-first").settings["thresholds"][1].get<double>(), 0.8);
        QCOMPARE(pool.constraints.budgetPerRunUsd.value(), 5.0);
        // The one warning: the vendor retires claude-sonnet-4-5 on 2026-11-30.
        QCOMPARE(loaded->warnings.size(), size_t(1));
        QCOMPARE(loaded->warnings[0].location, std::string("/models/1"));
        QVERIFY2(loaded->warnings[0].message.find("2026-11-30") != std::string::npos,
                 loaded->warnings[0].message.c_str());
    }

    void anthropicVersionAndKeyHeaderArePerModel() {
        auto text = [](nlohmann::json extra, std::string provider = "anthropic") {
            nlohmann::json m = {{"name", "c"},
                                {"provider", provider},
                                {"base_url", "https://api.anthropic.com"},
                                {"model", "claude-sonnet-4-6"}};
            m.update(extra);
            return nlohmann::json{{"schema", 1}, {"name", "p"}, {"models", {m}}}.dump();
        };
        auto pinned = parsePool(text({{"api_version", "2023-06-01"}, {"auth", "bearer"}}), "p.json");
        QVERIFY2(pinned, pinned ? "" : pinned.error().describe().c_str());
        QCOMPARE(pinned->pool.models[0].apiVersion, std::string("2023-06-01"));
        QCOMPARE(pinned->pool.models[0].auth, std::string("bearer"));
        auto again = parsePool(poolToJson(pinned->pool).dump(), "again.json"); // saved and read back
        QCOMPARE(again->pool.models[0], pinned->pool.models[0]);
        auto bad = parsePool(text({{"auth", "header"}}), "p.json");
        QVERIFY(!bad);
        QVERIFY2(bad.error().describe().find("/models/0/auth") != std::string::npos, bad.error().describe().c_str());
        auto ignored = parsePool(text({{"api_version", "2023-06-01"}}, "openai"), "p.json");
        QCOMPARE(ignored->warnings.size(), size_t(1));
        QCOMPARE(ignored->warnings[0].location, std::string("/models/0/api_version"));
    }

    void endpointHeadersQueryAndPresets() {
        auto pool = [](nlohmann::json models) {
            return nlohmann::json{{"schema", 1}, {"name", "p"}, {"models", models}}.dump();
        };
        // A header-routed gateway: inline routing headers, a team token by key_ref, a query tag.
        nlohmann::json gateway = {{"name", "g"},
                                  {"provider", "openai"},
                                  {"base_url", "http://127.0.0.1:8787/v1"},
                                  {"model", "gpt-4o"},
                                  {"headers",
                                   {{"x-portkey-provider", "openai"}, {"X-Team-Token", {{"key_ref", "env:TEAM_TOKEN"}}}}},
                                  {"query", {{"tag", "eval"}}}};
        // Local servers: base URL by default, no key, price 0 unless stated.
        nlohmann::json ollama = {{"name", "o"}, {"preset", "ollama"}, {"model", "llama3.2"}};
        nlohmann::json vllm = {{"name", "v"},
                               {"preset", "vllm"},
                               {"model", "qwen"},
                               {"base_url", "http://127.0.0.1:9000/v1"},
                               {"price", {{"input", 0.05}, {"output", 0.05}}}};
        nlohmann::json llama = {{"name", "l"}, {"preset", "llama.cpp"}, {"model", "any"}};
        nlohmann::json azure = {{"name", "a"},
                                {"preset", "azure-openai"},
                                {"base_url", "https://contoso.openai.azure.com/openai/deployments/gpt4o"},
                                {"model", "gpt-4o"},
                                {"api_version", "2024-10-21"},
                                {"key_ref", "env:AZURE_OPENAI_API_KEY"}};
        auto loaded = parsePool(pool({gateway, ollama, vllm, llama, azure}), "p.json");
        QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
        QVERIFY2(loaded->warnings.empty(), loaded->warnings.empty() ? "" : loaded->warnings[0].toString().c_str());
        const auto& ms = loaded->pool.models;
        QCOMPARE(ms[0].headers.at("x-portkey-provider").value, std::string("openai"));
        QCOMPARE(ms[0].headers.at("X-Team-Token").keyRef.toString(), std::string("env:TEAM_TOKEN"));
        QCOMPARE(ms[0].headers.at("X-Team-Token").value, std::string());
        QCOMPARE(ms[0].query.at("tag"), std::string("eval"));
        QVERIFY(ms[1].provider == ProviderKind::OpenAi);
        QCOMPARE(ms[1].baseUrl, std::string("http://127.0.0.1:11434/v1"));
        QCOMPARE(ms[1].keyRef.kind, KeyRef::Kind::None);
        QCOMPARE(ms[1].priceOverride->prices.input.value(), 0.0);
        QCOMPARE(ms[1].priceOverride->prices.output.value(), 0.0);
        QCOMPARE(ms[2].baseUrl, std::string("http://127.0.0.1:9000/v1")); // the pool's URL wins
        QCOMPARE(ms[2].priceOverride->prices.input.value(), 0.05);          // so does its price
        QCOMPARE(ms[3].baseUrl, std::string("http://127.0.0.1:8080/v1"));
        QCOMPARE(ms[4].auth, std::string("api-key"));
        QCOMPARE(ms[4].query.at("api-version"), std::string("2024-10-21"));
        QCOMPARE(ms[4].apiVersion, std::string()); // not Anthropic's version header
        // Saved and read back: the same models (presets written out in full).
        auto again = parsePool(poolToJson(loaded->pool).dump(), "again.json");
        QVERIFY2(again, again ? "" : again.error().describe().c_str());
        QCOMPARE(again->pool.models, ms);
        QVERIFY(poolToJson(loaded->pool).dump().find("TEAM_TOKEN") != std::string::npos);

        // Problems, each at its path.
        nlohmann::json bad = {
            {{"name", "b0"}, {"preset", "lmstudio"}, {"model", "x"}},
            {{"name", "b1"}, {"preset", "azure-openai"}, {"base_url", "https://x.openai.azure.com/openai/deployments/d"},
             {"model", "x"}},
            {{"name", "b2"},
             {"provider", "openai"},
             {"base_url", "https://gw.example.org/v1"},
             {"model", "x"},
             {"headers", {{"bad name", "v"}, {"X-Ok", {{"key_ref", "vault:x"}}}, {"X-Num", 3}, {"X-Crlf", "a\r\nInjected: 1"}}},
             {"query", {{"n", 1}}}},
            {{"name", "b3"}, {"preset", "ollama"}, {"provider", "anthropic"}, {"model", "x"}},
            {{"name", "b4"},
             {"provider", "anthropic"},
             {"base_url", "https://api.anthropic.com"},
             {"model", "x"},
             {"auth", "api-key"}},
        };
        auto refused = parsePool(pool(bad), "bad.json");
        QVERIFY(!refused);
        const auto& problems = refused.error().problems;
        QVERIFY(mentions(problems, "/models/0/preset: unknown preset \"lmstudio\"; expected ollama, llama.cpp, vllm"));
        QVERIFY(mentions(problems, "/models/1/api_version: required field is missing"));
        QVERIFY(mentions(problems, "/models/1/key_ref: Azure OpenAI needs a key"));
        QVERIFY(mentions(problems, "/models/2/headers/bad name: not an HTTP header name"));
        QVERIFY(mentions(problems, "/models/2/headers/X-Ok/key_ref: expected \"env:VARIABLE_NAME\""));
        QVERIFY(mentions(problems, "/models/2/headers/X-Num: expected a string, or {\"key_ref\""));
        QVERIFY(mentions(problems, "/models/2/headers/X-Crlf: a header value cannot hold control characters"));
        QVERIFY(mentions(problems, "/models/2/query/n: expected a string (secrets never go in a URL)"));
        QVERIFY(mentions(problems, "/models/3/provider: preset ollama is an OpenAI-compatible endpoint"));
        QVERIFY(mentions(problems, "/models/4/auth: \"api-key\" is Azure OpenAI's header"));

        // A key written inline in a header is refused like any key in a pool file, not echoed.
        nlohmann::json leaky = {{"name", "k"},
                                {"provider", "openai"},
                                {"base_url", "https://gw.example.org/v1"},
                                {"model", "x"},
                                {"headers", {{"Authorization", "Bearer hunter2hunter2x9"}}}};
        auto secret = parsePool(pool({leaky}), "leaky.json");
        QVERIFY(!secret);
        QVERIFY2(mentions(secret.error().problems, "/models/0/headers/Authorization: this value looks like an API key"),
                 secret.error().describe().c_str());
        // A secret-named header with an inline value is refused even when the value does not look like a key.
        leaky["headers"] = {{"api-key", "short"}};
        auto named = parsePool(pool({leaky}), "named.json");
        QVERIFY(!named);
        QVERIFY2(mentions(named.error().problems, "/models/0/headers/api-key: a field named \"api-key\" would hold a secret"),
                 named.error().describe().c_str());
        QVERIFY(secret.error().describe().find("hunter2") == std::string::npos);
    }

    void reportsEveryProblemWithPath() {
        auto loaded = loadPoolFile(poolPath("many_problems.json"));
        QVERIFY(!loaded);
        const auto& problems = loaded.error().problems;
        auto errors = std::count_if(problems.begin(), problems.end(),
                                    [](const Diagnostic& d) { return d.severity == Severity::Error; });
        QCOMPARE(errors, 11);
        std::string file = poolPath("many_problems.json");
        QVERIFY(mentions(problems, file + ": /models/0/price/output: expected a number, got \"abc\""));
        QVERIFY(mentions(problems, "/models/1/name: duplicate model name \"a\""));
        QVERIFY(mentions(problems, "/models/1/provider: unknown provider \"openia\""));
        QVERIFY(mentions(problems, "/models/1/base_url: plain http is only allowed to loopback"));
        QVERIFY(mentions(problems, "/models/1/context_window: must be a positive number"));
        QVERIFY(mentions(problems, "/models/2/base_url: not an http(s) URL"));
        QVERIFY(mentions(problems, "/models/2/key_ref: expected \"env:VARIABLE_NAME\""));
        QVERIFY(mentions(problems, "/models/3/name: required field is missing"));
        QVERIFY(mentions(problems, "/strategies/s/kind: unknown strategy kind \"magic\""));
        QVERIFY(mentions(problems, "/strategies/t: expected an object"));
        QVERIFY(mentions(problems, "/constraints/budget_per_run_usd: a budget must be above 0"));
        QVERIFY(mentions(problems, "/modles: warning: unknown field"));
        QVERIFY(mentions(problems, "/models/3/temperature: warning: unknown field"));
    }

    void refusesSecretsWithoutEchoingThem() {
        auto loaded = loadPoolFile(poolPath("with_secret.json"));
        QVERIFY(!loaded);
        std::string all = loaded.error().describe();
        QVERIFY(mentions(loaded.error().problems, "/models/0/key_ref: this value looks like an API key"));
        QVERIFY(mentions(loaded.error().problems, "/models/1/api_key: a field named \"api_key\" would hold a secret"));
        QVERIFY(all.find("key_ref\": \"env:NAME\"") != std::string::npos);
        QVERIFY2(all.find("CANARY") == std::string::npos, all.c_str());
        QVERIFY2(all.find("hunter2") == std::string::npos, all.c_str());
    }

    void badSyntaxAndWrongShapes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax") << R"({"schema": 1, "name": "x",})"
                                << "not valid JSON at byte";
        QTest::newRow("array") << "[]"
                               << "a pool file is a JSON object, got an array";
        QTest::newRow("newer schema") << R"({"schema": 7, "name": "x", "models": []})"
                                      << "the file has 7; upgrade Baton";
        QTest::newRow("no models") << R"({"schema": 1, "name": "x", "models": []})"
                                   << "/models: a pool needs at least one model";
        QTest::newRow("models not array") << R"({"schema": 1, "name": "x", "models": {}})"
                                          << "/models: expected an array, got an object";
    }
    void badSyntaxAndWrongShapes() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        auto loaded = parsePool(text.toStdString(), "p.json");
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().describe().find(expected.toStdString()) != std::string::npos,
                 loaded.error().describe().c_str());
    }

    void missingFileIsNotFound() {
        auto loaded = loadPoolFile("/nonexistent/pool.json");
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().kind, ErrorKind::NotFound);
    }

    void saveThenLoadIsLossless() {
        auto loaded = loadPoolFile(poolPath("valid.json"));
        QVERIFY(loaded);
        QTemporaryDir dir;
        std::string path = dir.filePath("saved.json").toStdString();
        QVERIFY(savePoolFile(loaded->pool, path));
        auto again = loadPoolFile(path);
        QVERIFY2(again, again ? "" : again.error().describe().c_str());
        QVERIFY(again->pool == loaded->pool);
        QVERIFY(!(again->pool.models[0].params == nlohmann::json::object()));
    }

    void killDuringSaveNeverLeavesHalfAFile() {
        // A child saves two different large pools in turn; it is killed at random moments. The file on
        // disk must always parse as one of the two, never a mix or a truncation.
        auto loaded = loadPoolFile(poolPath("valid.json"));
        QVERIFY(loaded);
        Pool small = loaded->pool, large = loaded->pool;
        for (int i = 0; i < 400; ++i) {
            ModelSpec m = large.models[0];
            m.name = "copy-" + std::to_string(i);
            large.models.push_back(m);
        }
        QTemporaryDir dir;
        std::string path = dir.filePath("pool.json").toStdString();
        QVERIFY(savePoolFile(small, path));
        for (int round = 0; round < 20; ++round) {
            pid_t child = fork();
            if (child == 0) {
                for (int i = 0;; ++i)
                    (void)savePoolFile(i % 2 ? small : large, path);
            }
            QTest::qWait(5 + round * 3);
            ::kill(child, SIGKILL);
            ::waitpid(child, nullptr, 0);
            auto onDisk = loadPoolFile(path);
            QVERIFY2(onDisk, onDisk ? "" : onDisk.error().describe().c_str());
            QVERIFY(onDisk->pool == small || onDisk->pool == large);
        }
    }
};

QTEST_GUILESS_MAIN(TestPoolFile)
#include "tst_pool_file.moc"
