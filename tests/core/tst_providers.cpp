// SPDX-License-Identifier: MIT
// Wire formats from the providers' public docs: request shape, where the key goes, and parsing
// of whole responses and error bodies.

#include "core_printers.h"
#include "providers/endpoint_extras.h"
#include "providers/json_fields.h"
#include "providers/model_listing.h"
#include "providers/provider_adapter.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace baton::core;
using Json = nlohmann::json;

namespace {

ModelSpec model(ProviderKind kind, const char* remote) {
    ModelSpec m;
    m.name = remote;
    m.provider = kind;
    m.remoteModel = remote;
    m.params = {{"temperature", 0.2}, {"model", "must-not-override"}};
    return m;
}

ChatCallSpec spec(bool stream = false) {
    ChatCallSpec s;
    s.messages = {{"system", "Be brief."}, {"user", "Capital of France?"}};
    s.maxOutputTokens = 64;
    s.sample = 3;
    s.stream = stream;
    return s;
}

std::string header(const HttpRequest& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return "";
}

} // namespace

class TestProviders : public QObject {
    Q_OBJECT
private slots:
    // Token counts beyond int64 or not whole are unknown (before: undefined behaviour converting
    // 1.04e23 to long, found by fuzz_provider_response on an Anthropic message_start).
    void tokenCountsOutOfRangeAreUnknown() {
        auto usage = nlohmann::json::parse(
            R"({"a": 25, "b": 104444444444444444444440, "c": 18446744073709551615, "d": 2.5, "e": 40.0, "f": "7",
                "g": -3, "h": 9223372036854775807})");
        QCOMPARE(intField(usage, "a"), std::optional<int64_t>(25));
        QCOMPARE(intField(usage, "b"), std::optional<int64_t>());
        QCOMPARE(intField(usage, "c"), std::optional<int64_t>());
        QCOMPARE(intField(usage, "d"), std::optional<int64_t>());
        QCOMPARE(intField(usage, "e"), std::optional<int64_t>(40));
        QCOMPARE(intField(usage, "f"), std::optional<int64_t>());
        QCOMPARE(intField(usage, "g"), std::optional<int64_t>(-3));
        QCOMPARE(intField(usage, "h"), std::optional<int64_t>(std::numeric_limits<int64_t>::max()));
    }

    void openAiRequest() {
        auto req = adapterFor(ProviderKind::OpenAi)
                       .buildRequest(model(ProviderKind::OpenAi, "gpt-4o"), "https://api.openai.com/v1", spec(true),
                                     "sk-test");
        QCOMPARE(req.url, std::string("https://api.openai.com/v1/chat/completions"));
        QCOMPARE(header(req, "Authorization"), std::string("Bearer sk-test"));
        Json body = Json::parse(req.body);
        QCOMPARE(body["model"].get<std::string>(), std::string("gpt-4o"));
        QCOMPARE(body["max_completion_tokens"].get<int>(), 64); // OpenAI's own API
        QVERIFY(body["stream_options"]["include_usage"].get<bool>());
        QCOMPARE(body["seed"].get<int>(), 3);
        QCOMPARE(body["temperature"].get<double>(), 0.2);
        QCOMPARE(body["messages"].size(), size_t(2));
        auto local = adapterFor(ProviderKind::OpenAi)
                         .buildRequest(model(ProviderKind::OpenAi, "llama"), "http://127.0.0.1:8000/v1", spec(), "");
        QVERIFY(Json::parse(local.body).contains("max_tokens")); // other servers read max_tokens
        QCOMPARE(header(local, "Authorization"), std::string());
    }

    void azureOpenAiTakesTheKeyInApiKeyAndTheVersionInTheQuery() {
        ModelSpec m = model(ProviderKind::OpenAi, "gpt-4o");
        m.auth = "api-key";
        m.query = {{"api-version", "2024-10-21"}};
        const std::string base = "https://contoso.openai.azure.com/openai/deployments/gpt4o";
        auto req = adapterFor(ProviderKind::OpenAi).buildRequest(m, base, spec(), "azure-secret");
        applyEndpointExtras(req, m, {});
        QCOMPARE(req.url, base + "/chat/completions?api-version=2024-10-21");
        QCOMPARE(header(req, "api-key"), std::string("azure-secret"));
        QCOMPARE(header(req, "Authorization"), std::string()); // the key travels once, in its header
    }

    void extraHeadersAndQueryParameters() {
        ModelSpec m = model(ProviderKind::OpenAi, "gpt-4o");
        m.headers["x-portkey-provider"] = {"openai", {}};
        m.headers["X-Team-Token"] = {"", *KeyRef::parse("env:TEAM_TOKEN")};
        m.headers["content-type"] = {"application/json; charset=utf-8", {}}; // replaces the adapter's, any case
        m.query = {{"tag", "a b&c=d/é"}, {"v", "1"}};
        auto req = adapterFor(ProviderKind::OpenAi).buildRequest(m, "https://gw.example.org/v1", spec(), "sk-test");
        applyEndpointExtras(req, m, {{"X-Team-Token", "team-secret"}});
        QCOMPARE(req.url, std::string("https://gw.example.org/v1/chat/completions?tag=a%20b%26c%3Dd%2F%C3%A9&v=1"));
        QCOMPARE(header(req, "x-portkey-provider"), std::string("openai"));
        QCOMPARE(header(req, "X-Team-Token"), std::string("team-secret"));
        QCOMPARE(header(req, "Authorization"), std::string("Bearer sk-test"));
        int contentTypes = 0;
        for (const auto& [k, v] : req.headers)
            contentTypes += QString::fromStdString(k).compare("Content-Type", Qt::CaseInsensitive) == 0;
        QCOMPARE(contentTypes, 1);
        QCOMPARE(header(req, "content-type"), std::string("application/json; charset=utf-8"));
        // A URL that has a query already gets "&".
        QCOMPARE(withQuery("http://h/x?a=1", {{"b", "2"}}), std::string("http://h/x?a=1&b=2"));

        // key_ref headers are resolved by the caller; one without a value is named.
        auto resolved = resolveSecretHeaders(m, [](const KeyRef& ref) -> std::optional<std::string> {
            return ref.name == "TEAM_TOKEN" ? std::optional<std::string>("v") : std::nullopt;
        });
        QCOMPARE(resolved.missing, std::string());
        QCOMPARE(resolved.values.at("X-Team-Token"), std::string("v"));
        auto missing = resolveSecretHeaders(m, [](const KeyRef&) { return std::optional<std::string>(); });
        QCOMPARE(missing.missing, std::string("X-Team-Token"));
        QVERIFY(missing.values.empty());
    }

    void anthropicRequest() {
        auto req = adapterFor(ProviderKind::Anthropic)
                       .buildRequest(model(ProviderKind::Anthropic, "claude-sonnet-4-5"), "https://api.anthropic.com",
                                     spec(), "sk-ant-x");
        QCOMPARE(req.url, std::string("https://api.anthropic.com/v1/messages"));
        // The current SDK's pair by default (version 2026-10-21, key as a bearer token)...
        QCOMPARE(header(req, "Authorization"), std::string("Bearer sk-ant-x"));
        QCOMPARE(header(req, "anthropic-version"), std::string("2026-10-21"));
        QCOMPARE(header(req, "x-api-key"), std::string());
        // ...the earlier pair when a model pins the version, and either key header when pinned.
        ModelSpec pinned = model(ProviderKind::Anthropic, "claude-sonnet-4-5");
        pinned.apiVersion = "2023-06-01";
        auto legacy =
            adapterFor(ProviderKind::Anthropic).buildRequest(pinned, "https://api.anthropic.com", spec(), "k");
        QCOMPARE(header(legacy, "anthropic-version"), std::string("2023-06-01"));
        QCOMPARE(header(legacy, "x-api-key"), std::string("k"));
        QCOMPARE(header(legacy, "Authorization"), std::string());
        pinned.auth = "bearer";
        legacy = adapterFor(ProviderKind::Anthropic).buildRequest(pinned, "https://api.anthropic.com", spec(), "k");
        QCOMPARE(header(legacy, "Authorization"), std::string("Bearer k"));
        QCOMPARE(header(legacy, "x-api-key"), std::string());
        Json body = Json::parse(req.body);
        QCOMPARE(body["system"].get<std::string>(), std::string("Be brief."));
        QCOMPARE(body["messages"].size(), size_t(1)); // system is top-level, not a message
        QCOMPARE(body["max_tokens"].get<int>(), 64);
    }

    void geminiKeyInHeaderNeverUrl() {
        auto req = adapterFor(ProviderKind::Gemini)
                       .buildRequest(model(ProviderKind::Gemini, "gemini-2.5-flash"),
                                     "https://generativelanguage.googleapis.com", spec(true), "AIzaSECRET");
        QCOMPARE(req.url, std::string("https://generativelanguage.googleapis.com/v1beta/models/"
                                      "gemini-2.5-flash:streamGenerateContent?alt=sse"));
        QVERIFY(req.url.find("AIza") == std::string::npos);
        QCOMPARE(header(req, "x-goog-api-key"), std::string("AIzaSECRET"));
        Json body = Json::parse(req.body);
        QCOMPARE(body["systemInstruction"]["parts"][0]["text"].get<std::string>(), std::string("Be brief."));
        QCOMPARE(body["contents"][0]["role"].get<std::string>(), std::string("user"));
        QCOMPARE(body["generationConfig"]["maxOutputTokens"].get<int>(), 64);
    }

    void parsesWholeResponses() {
        auto openAi =
            adapterFor(ProviderKind::OpenAi)
                .parseResponse(
                    R"({"choices":[{"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],
                "usage":{"prompt_tokens":100,"completion_tokens":20,"prompt_tokens_details":{"cached_tokens":60},
                         "completion_tokens_details":{"reasoning_tokens":5},"cost":0.0005}})");
        auto& o = std::get<ProviderReply>(openAi);
        QCOMPARE(o.text, std::string("Paris."));
        QCOMPARE(*o.usage.input, int64_t(40));
        QCOMPARE(*o.usage.output, int64_t(15));
        QCOMPARE(o.billedCost->pico, Money::fromUsd(0.0005).pico);

        auto anthropic =
            adapterFor(ProviderKind::Anthropic)
                .parseResponse(
                    R"({"type":"message","content":[{"type":"thinking","thinking":"hmm"},{"type":"text","text":"Paris."}],"stop_reason":"end_turn",
                "usage":{"input_tokens":12,"output_tokens":30,"cache_read_input_tokens":500,"cache_creation_input_tokens":0}})");
        auto& a = std::get<ProviderReply>(anthropic);
        QCOMPARE(a.text, std::string("Paris."));
        QCOMPARE(*a.usage.input, int64_t(12));
        QCOMPARE(*a.usage.cachedInput, int64_t(500));

        auto gemini = adapterFor(ProviderKind::Gemini)
                          .parseResponse(
                              R"({"candidates":[{"content":{"parts":[{"text":"Paris."}]},"finishReason":"STOP"}],
                "usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":2,"thoughtsTokenCount":40}})");
        QCOMPARE(*std::get<ProviderReply>(gemini).usage.reasoning, int64_t(40));
    }

    void missingUsageIsUnknown() {
        auto r = adapterFor(ProviderKind::OpenAi).parseResponse(R"({"choices":[{"message":{"content":"x"}}]})");
        QVERIFY(!std::get<ProviderReply>(r).usage.input.has_value());
        // Gemini leaves zero counts out, but a reply with no usageMetadata at all is still unknown.
        auto g = adapterFor(ProviderKind::Gemini)
                     .parseResponse(R"({"candidates":[{"content":{"parts":[{"text":"x"}]},"finishReason":"STOP"}]})");
        QVERIFY(!std::get<ProviderReply>(g).usage.input.has_value());
        QVERIFY(!std::get<ProviderReply>(g).usage.output.has_value());
    }

    void malformedAndErrorBodies() {
        QVERIFY(std::holds_alternative<ProviderError>(
            adapterFor(ProviderKind::OpenAi).parseResponse("{\"id\": \"x\", \"choi")));
        QVERIFY(std::holds_alternative<ProviderError>(adapterFor(ProviderKind::Anthropic).parseResponse("[]")));
        auto e = adapterFor(ProviderKind::Anthropic)
                     .parseError(R"({"type":"error","error":{"type":"rate_limit_error","message":"slow down"}})");
        QCOMPARE(e->message, std::string("slow down"));
        auto g = adapterFor(ProviderKind::Gemini)
                     .parseError(R"({"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}})");
        QCOMPARE(g->type, std::string("RESOURCE_EXHAUSTED"));
        QVERIFY(!adapterFor(ProviderKind::OpenAi).parseError("<html>bad gateway</html>"));
    }

    void modelListingsAreFreeGetsWithTheKeyInItsHeader() {
        auto openai = buildModelListRequest(model(ProviderKind::OpenAi, "gpt-4o"), "https://api.openai.com/v1", "k1");
        QCOMPARE(openai.method, std::string("GET"));
        QCOMPARE(openai.url, std::string("https://api.openai.com/v1/models"));
        QCOMPARE(header(openai, "Authorization"), std::string("Bearer k1"));
        QVERIFY(openai.body.empty());
        ModelSpec claude = model(ProviderKind::Anthropic, "claude-sonnet-4-6");
        claude.apiVersion = "2023-06-01"; // the listing carries the model's pinned version and key header
        auto anthropic = buildModelListRequest(claude, "https://api.anthropic.com", "k2");
        QCOMPARE(anthropic.url, std::string("https://api.anthropic.com/v1/models?limit=1000"));
        QCOMPARE(header(anthropic, "x-api-key"), std::string("k2"));
        QCOMPARE(header(anthropic, "anthropic-version"), std::string("2023-06-01"));
        auto gemini = buildModelListRequest(model(ProviderKind::Gemini, "gemini-2.5-pro"),
                                            "https://generativelanguage.googleapis.com", "k3");
        QVERIFY(gemini.url.find("k3") == std::string::npos); // never in the URL
        QCOMPARE(header(gemini, "x-goog-api-key"), std::string("k3"));

        auto ids =
            parseModelList(ProviderKind::OpenAi, R"({"object":"list","data":[{"id":"gpt-4o"},{"id":"o3"},{"x":1}]})");
        QCOMPARE(ids.value(), std::vector<std::string>({"gpt-4o", "o3"}));
        ids = parseModelList(ProviderKind::Anthropic,
                             R"({"data":[{"type":"model","id":"claude-sonnet-4-5"}],"has_more":false})");
        QCOMPARE(ids.value(), std::vector<std::string>({"claude-sonnet-4-5"}));
        ids = parseModelList(ProviderKind::Gemini, R"({"models":[{"name":"models/gemini-2.5-pro"},{"name":"x"}]})");
        QCOMPARE(ids.value(), std::vector<std::string>({"gemini-2.5-pro", "x"}));
        QVERIFY(!parseModelList(ProviderKind::Gemini, R"({"data":[]})"));
        QVERIFY(!parseModelList(ProviderKind::OpenAi, "<html>gateway</html>"));
    }
};

QTEST_GUILESS_MAIN(TestProviders)
#include "tst_providers.moc"
