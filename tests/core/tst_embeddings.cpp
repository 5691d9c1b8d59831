// SPDX-License-Identifier: MIT
// Embeddings through the chat calls' transport: the simulator's /v1/embeddings over real HTTP
// (vectors, usage, cost), the workspace cache (a second request for cached texts makes no HTTP
// call), requests logged with their cost (unknown stays unknown), and unusable responses refused
// with what is wrong (CaptureServer serving hand-written bodies on loopback).

#include "capture_server.h"
#include "model/token_estimate.h"
#include "providers/embeddings_request.h"
#include "run/embedding_client.h"
#include "sim/demo_tasks.h"
#include "sim/sim_server.h"
#include "store/embedding_cache.h"
#include "store/workspace.h"
#include "text/hashed_embedding.h"

#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace baton::core;
using Json = nlohmann::json;

namespace {

const TaskSet& demo() {
    static const TaskSet set = generateDemoTasks();
    return set;
}

std::unique_ptr<SimServer> startSim() {
    SimProfile profile = demoSimProfile();
    profile.faults = {};
    profile.timeScale = 0;
    auto server = SimServer::start(std::make_shared<SimResponder>(std::move(profile), demo()), {});
    if (!server) qFatal("%s", server.error().describe().c_str());
    return std::move(*server);
}

ModelSpec simEmbedder(std::optional<double> inputPerMillion) {
    ModelSpec m;
    m.name = "embedder";
    m.provider = ProviderKind::Sim;
    m.remoteModel = "sim-embed-1";
    if (inputPerMillion) {
        PriceEntry price;
        price.prices.input = *inputPerMillion;
        m.priceOverride = price;
    }
    return m;
}

RunEnvironment simEnv(const SimServer& server) {
    RunEnvironment env;
    env.simBaseUrl = server.baseUrl();
    env.simIdentity = "test-profile";
    return env;
}

const std::vector<std::string> kTexts = {"What is the capital of France?", "Add 17 and 25.",
                                         "What is the capital of France?", "Name a prime above 90."};

int64_t distinctTokens() {
    return estimateTokens(kTexts[0]) + estimateTokens(kTexts[1]) + estimateTokens(kTexts[3]);
}

ModelSpec servedAt(ProviderKind provider, const std::string& url, const char* keyEnv) {
    ModelSpec m;
    m.name = "remote-embedder";
    m.provider = provider;
    m.remoteModel = "text-embedding-3-small";
    m.baseUrl = url;
    m.keyRef = KeyRef{KeyRef::Kind::Env, keyEnv};
    PriceEntry price;
    price.prices.input = 0.02;
    m.priceOverride = price;
    return m;
}

RunEnvironment keyed(const std::string& secret) {
    RunEnvironment env;
    env.resolveKey = [secret](const KeyRef&) -> std::optional<std::string> { return secret; };
    return env;
}

} // namespace

class TestEmbeddings : public QObject {
    Q_OBJECT
private slots:
    void vectorsTokensAndCostFromTheSimulator() {
        auto sim = startSim();
        HttpEventLoop loop;
        auto got = embedTexts(loop, simEmbedder(0.02), simEnv(*sim), PriceBook{}, nullptr, kTexts);
        QVERIFY2(got, got ? "" : got.error().describe().c_str());
        QCOMPARE(got->vectors.size(), kTexts.size());
        for (size_t i = 0; i < kTexts.size(); ++i)
            QCOMPARE(got->vectors[i], hashedEmbedding(kTexts[i])); // float -> JSON -> float is exact
        QCOMPARE(got->dims, int(hashedEmbedding("x").size()));
        QCOMPARE(got->httpCalls, int64_t(1));
        QCOMPARE(sim->requestsServed(), int64_t(1));
        QCOMPARE(got->embeddedTexts, int64_t(3)); // the repeated text is sent once
        QCOMPARE(got->cachedTexts, int64_t(0));
        QVERIFY(got->promptTokens);
        QCOMPARE(*got->promptTokens, distinctTokens());
        QVERIFY(got->cost());
        QCOMPARE(got->cost()->pico, (Money::perTokenFromPerMillion(0.02) * distinctTokens()).pico);
        QVERIFY(got->cost()->pico > 0);
        QVERIFY(got->embedder.find("sim-embed-1") != std::string::npos);
        QVERIFY(got->embedder.find(sim->baseUrl()) == std::string::npos); // the port is not the identity
    }

    void batchesOfTheGivenSize() {
        auto sim = startSim();
        HttpEventLoop loop;
        EmbeddingOptions options;
        options.batchSize = 2;
        auto got = embedTexts(loop, simEmbedder(0.02), simEnv(*sim), PriceBook{}, nullptr, kTexts, options);
        QVERIFY(got);
        QCOMPARE(got->httpCalls, int64_t(2)); // 3 distinct texts, 2 per request
        QCOMPARE(sim->requestsServed(), int64_t(2));
        QCOMPARE(got->vectors[2], got->vectors[0]);
    }

    void theBudgetIsNeverExceeded() {
        // Before: no cap at all, a paid endpoint embedded every prompt whatever it cost.
        auto sim = startSim();
        HttpEventLoop loop;
        EmbeddingOptions options;
        options.batchSize = 1; // one request per distinct text: 3 requests
        Money perToken = Money::perTokenFromPerMillion(1000);
        Money first = perToken * (int64_t(kTexts[0].size()) + 16); // the first request's worst case
        options.maxCost = first;
        auto capped = embedTexts(loop, simEmbedder(1000), simEnv(*sim), PriceBook{}, nullptr, kTexts, options);
        QVERIFY(!capped);
        QVERIFY2(capped.error().message.find("embedding budget") != std::string::npos &&
                     capped.error().message.find("Raise the budget (--max-cost)") != std::string::npos,
                 capped.error().message.c_str());
        // Worst cases in token prices: 46, 30 and 38. The first fits the cap (46); after its real
        // cost the second still does, the third does not.
        int64_t cap = int64_t(kTexts[0].size()) + 16;
        int64_t spentTwo = estimateTokens(kTexts[0]) + estimateTokens(kTexts[1]);
        QVERIFY(estimateTokens(kTexts[0]) + int64_t(kTexts[1].size()) + 16 <= cap);
        QVERIFY(spentTwo + int64_t(kTexts[3].size()) + 16 > cap);
        QCOMPARE(sim->requestsServed(), int64_t(2));
        options.maxCost = Money{};
        auto none = embedTexts(loop, simEmbedder(1000), simEnv(*sim), PriceBook{}, nullptr, kTexts, options);
        QVERIFY(!none);
        QCOMPARE(sim->requestsServed(), int64_t(2)); // nothing sent
        options.maxCost = Money::fromUsd(1);
        auto unpriced = embedTexts(loop, simEmbedder(std::nullopt), simEnv(*sim), PriceBook{}, nullptr, kTexts, options);
        QVERIFY(!unpriced);
        QVERIFY2(unpriced.error().message.find("has no input price") != std::string::npos,
                 unpriced.error().message.c_str());
        auto enough = embedTexts(loop, simEmbedder(1000), simEnv(*sim), PriceBook{}, nullptr, kTexts, options);
        QVERIFY2(enough, enough ? "" : enough.error().describe().c_str());
        QVERIFY(enough->cost() && *enough->cost() <= *options.maxCost && enough->cost()->pico > 0);
    }

    void cachedTextsMakeNoCall() {
        auto sim = startSim();
        HttpEventLoop loop;
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        auto first = embedTexts(loop, simEmbedder(0.02), simEnv(*sim), PriceBook{}, ws->writer(), kTexts);
        QVERIFY(first);
        QCOMPARE(first->httpCalls, int64_t(1));
        auto second = embedTexts(loop, simEmbedder(0.02), simEnv(*sim), PriceBook{}, ws->writer(), kTexts);
        QVERIFY(second);
        QCOMPARE(second->httpCalls, int64_t(0));
        QCOMPARE(sim->requestsServed(), int64_t(1));
        QCOMPARE(second->cachedTexts, int64_t(3));
        QCOMPARE(second->vectors, first->vectors);
        QVERIFY(second->cost());
        QCOMPARE(second->cost()->pico, int64_t(0));

        // One new text: one request carrying only it.
        auto more = kTexts;
        more.push_back("A new question.");
        auto third = embedTexts(loop, simEmbedder(0.02), simEnv(*sim), PriceBook{}, ws->writer(), more);
        QVERIFY(third);
        QCOMPARE(third->httpCalls, int64_t(1));
        QCOMPARE(third->embeddedTexts, int64_t(1));
        QCOMPARE(*third->promptTokens, estimateTokens("A new question."));

        // Another embedder model is another cache key.
        ModelSpec other = simEmbedder(0.02);
        other.remoteModel = "sim-embed-2";
        auto fourth = embedTexts(loop, other, simEnv(*sim), PriceBook{}, ws->writer(), kTexts);
        QVERIFY(fourth);
        QCOMPARE(fourth->httpCalls, int64_t(1));

        auto calls = listEmbeddingCalls(*ws->writer());
        QVERIFY(calls);
        QCOMPARE(calls->size(), size_t(3));
        QCOMPARE((*calls)[0].texts, int64_t(3));
        QCOMPARE((*calls)[0].httpStatus, 200L);
        QCOMPARE(*(*calls)[0].promptTokens, distinctTokens());
        QVERIFY((*calls)[0].costUsd);
        QCOMPARE(*(*calls)[0].costUsd, (Money::perTokenFromPerMillion(0.02) * distinctTokens()).usd());
        QCOMPARE((*calls)[1].texts, int64_t(1));
    }

    void unknownPriceIsUnknownCost() {
        auto sim = startSim();
        HttpEventLoop loop;
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        auto got = embedTexts(loop, simEmbedder(std::nullopt), simEnv(*sim), PriceBook{}, ws->writer(), kTexts);
        QVERIFY(got);
        QVERIFY(!got->cost());
        QCOMPARE(got->unknownCostCalls, int64_t(1));
        QVERIFY2(got->costUnknownReason.find("no price for model \"embedder\"") != std::string::npos,
                 got->costUnknownReason.c_str());
        auto calls = listEmbeddingCalls(*ws->writer());
        QVERIFY(calls);
        QCOMPARE(calls->size(), size_t(1));
        QVERIFY(!(*calls)[0].costUsd); // NULL, not 0
        QVERIFY(!(*calls)[0].costUnknownReason.empty());
    }

    void anthropicIsRefused() {
        HttpEventLoop loop;
        ModelSpec m;
        m.name = "claude";
        m.provider = ProviderKind::Anthropic;
        m.remoteModel = "claude-sonnet-4-5";
        auto got = embedTexts(loop, m, {}, PriceBook{}, nullptr, kTexts);
        QVERIFY(!got);
        QVERIFY2(got.error().message.find("Anthropic serves no embeddings endpoint") != std::string::npos,
                 got.error().message.c_str());
    }

    void openAiRequestCarriesTheKeyOnlyInItsHeader() {
        Json reply = {{"data", {{{"index", 1}, {"embedding", {0.5, 0.25}}}, {{"index", 0}, {"embedding", {1.0, 0.0}}}}},
                      {"usage", {{"prompt_tokens", 9}}}};
        baton::test::CaptureServer server(200, "application/json", reply.dump());
        HttpEventLoop loop;
        auto got = embedTexts(loop, servedAt(ProviderKind::OpenAi, server.url() + "/v1", "EMB_KEY"),
                              keyed("sk-secret-123"), PriceBook{}, nullptr, {"a", "b"});
        QVERIFY2(got, got ? "" : got.error().describe().c_str());
        QCOMPARE(got->vectors[0], (std::vector<float>{1.0f, 0.0f})); // placed by "index"
        QCOMPARE(got->vectors[1], (std::vector<float>{0.5f, 0.25f}));
        QCOMPARE(got->cost()->pico, (Money::perTokenFromPerMillion(0.02) * 9).pico);
        auto seen = server.requests();
        QCOMPARE(seen.size(), size_t(1));
        QCOMPARE(seen[0].path, std::string("/v1/embeddings"));
        QCOMPARE(seen[0].header("Authorization"), std::string("Bearer sk-secret-123"));
        Json body = Json::parse(seen[0].body);
        QCOMPARE(body["model"].get<std::string>(), std::string("text-embedding-3-small"));
        QVERIFY(body["input"] == Json({"a", "b"}));
    }

    void geminiBatchEmbedContentsWithUnreportedTokens() {
        Json reply = {{"embeddings", {{{"values", {0.1, 0.2, 0.3}}}, {{"values", {0.3, 0.2, 0.1}}}}}};
        baton::test::CaptureServer server(200, "application/json", reply.dump());
        HttpEventLoop loop;
        ModelSpec m = servedAt(ProviderKind::Gemini, server.url(), "GEM_KEY");
        m.remoteModel = "gemini-embedding-001";
        auto got = embedTexts(loop, m, keyed("g-secret"), PriceBook{}, nullptr, {"x", "y"});
        QVERIFY2(got, got ? "" : got.error().describe().c_str());
        QCOMPARE(got->dims, 3);
        QCOMPARE(got->vectors[1][0], 0.3f);
        QVERIFY(!got->promptTokens);
        QVERIFY(!got->cost()); // Gemini reports no tokens: the cost is unknown, not 0
        QVERIFY(got->costUnknownReason.find("input tokens") != std::string::npos);
        auto seen = server.requests();
        QCOMPARE(seen[0].path, std::string("/v1beta/models/gemini-embedding-001:batchEmbedContents"));
        QCOMPARE(seen[0].header("x-goog-api-key"), std::string("g-secret"));
        Json body = Json::parse(seen[0].body);
        QCOMPARE(body["requests"].size(), size_t(2));
        QCOMPARE(body["requests"][1]["model"].get<std::string>(), std::string("models/gemini-embedding-001"));
        QCOMPARE(body["requests"][1]["content"]["parts"][0]["text"].get<std::string>(), std::string("y"));
    }

    void httpErrorsNameTheProviderMessageNotTheKey() {
        Json error = {{"error", {{"message", "Incorrect API key provided: sk-secret-123"}, {"type", "invalid_request_error"}}}};
        baton::test::CaptureServer server(401, "application/json", error.dump());
        HttpEventLoop loop;
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        auto got = embedTexts(loop, servedAt(ProviderKind::OpenAi, server.url() + "/v1", "EMB_KEY"),
                              keyed("sk-secret-123"), PriceBook{}, ws->writer(), {"a"});
        QVERIFY(!got);
        const std::string& message = got.error().message;
        QVERIFY2(message.find("HTTP 401") != std::string::npos, message.c_str());
        QVERIFY2(message.find("Incorrect API key") != std::string::npos, message.c_str());
        QVERIFY2(message.find("sk-secret-123") == std::string::npos, message.c_str());
        auto calls = listEmbeddingCalls(*ws->writer());
        QCOMPARE(calls->size(), size_t(1)); // the failed request is logged too
        QCOMPARE((*calls)[0].httpStatus, 401L);
        QVERIFY((*calls)[0].error.find("sk-secret-123") == std::string::npos);
        QVERIFY(!(*calls)[0].costUsd);
        auto cached = lookupEmbeddings(*ws->writer(), embedderIdentity(servedAt(ProviderKind::OpenAi, server.url() + "/v1", "EMB_KEY"), {}), {"a"});
        QVERIFY(cached && cached->empty());
    }

    void missingKeyAndPlainHttpAreRefusedBeforeAnyCall() {
        baton::test::CaptureServer server(200, "application/json", "{}");
        HttpEventLoop loop;
        auto noKey = embedTexts(loop, servedAt(ProviderKind::OpenAi, server.url(), "EMB_KEY"), RunEnvironment{},
                                PriceBook{}, nullptr, {"a"});
        QVERIFY(!noKey);
        QVERIFY2(noKey.error().message.find("no key found at env:EMB_KEY") != std::string::npos,
                 noKey.error().message.c_str());
        auto clear = embedTexts(loop, servedAt(ProviderKind::OpenAi, "http://example.com/v1", "EMB_KEY"),
                                keyed("k"), PriceBook{}, nullptr, {"a"});
        QVERIFY(!clear);
        QVERIFY(clear.error().message.find("plain http") != std::string::npos);
        QCOMPARE(server.requests().size(), size_t(0));
    }

    void unusableBodiesAreRefusedWithWhatIsWrong_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("says");
        QTest::newRow("not json") << "<html>" << "not a JSON object";
        QTest::newRow("no data") << R"({"object":"list"})" << "no \"data\" array";
        QTest::newRow("count") << R"({"data":[{"index":0,"embedding":[1]}]})" << "1 entries for 2 texts";
        QTest::newRow("index") << R"({"data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}]})"
                               << "data[1].index is missing, out of range or repeated";
        QTest::newRow("string") << R"({"data":[{"index":0,"embedding":"AAAA"},{"index":1,"embedding":[2]}]})"
                                << "base64";
        QTest::newRow("value") << R"({"data":[{"index":0,"embedding":[1,"x"]},{"index":1,"embedding":[2,3]}]})"
                               << "data[0].embedding[1] is not a number";
        QTest::newRow("empty") << R"({"data":[{"index":0,"embedding":[]},{"index":1,"embedding":[2]}]})"
                               << "data[0].embedding is empty";
        QTest::newRow("dims") << R"({"data":[{"index":0,"embedding":[1,2]},{"index":1,"embedding":[2]}]})"
                              << "mixes dimensions: 2 for the first text, 1 for text 2";
        QTest::newRow("huge") << R"({"data":[{"index":0,"embedding":[1e300]},{"index":1,"embedding":[2]}]})"
                              << "not a finite float";
    }
    void unusableBodiesAreRefusedWithWhatIsWrong() {
        QFETCH(QString, body);
        QFETCH(QString, says);
        baton::test::CaptureServer server(200, "application/json", body.toStdString());
        HttpEventLoop loop;
        auto got = embedTexts(loop, servedAt(ProviderKind::OpenAi, server.url(), "EMB_KEY"), keyed("k"), PriceBook{},
                              nullptr, {"a", "b"});
        QVERIFY(!got);
        QVERIFY2(got.error().message.find(says.toStdString()) != std::string::npos, got.error().message.c_str());
        QVERIFY(got.error().message.find("remote-embedder") != std::string::npos);
    }

    void geminiShapeIsChecked() {
        auto wrong = parseEmbeddingsResponse(ProviderKind::Gemini, R"({"embeddings":[{"values":[1]}]})", 2);
        QVERIFY(!wrong);
        QVERIFY(wrong.error().message.find("1 embeddings for 2 texts") != std::string::npos);
        auto none = parseEmbeddingsResponse(ProviderKind::Gemini, R"({"data":[]})", 1);
        QVERIFY(!none);
        QVERIFY(none.error().message.find("no \"embeddings\" array") != std::string::npos);
    }

    void cacheRowsRoundTripAndDamageIsReported() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        std::vector<float> v = {0.125f, -3.5f, 1e-7f};
        QVERIFY(storeEmbeddings(*ws->writer(), "e1", {{"h1", v}}, 1));
        auto got = lookupEmbeddings(*ws->writer(), "e1", {"h1", "h2"});
        QVERIFY(got);
        QCOMPARE(got->size(), size_t(1));
        QCOMPARE(got->at("h1"), v);
        QVERIFY(lookupEmbeddings(*ws->writer(), "e2", {"h1"})->empty());
        QVERIFY(ws->writer()->exec("UPDATE embedding_cache SET dims = 4"));
        auto damaged = lookupEmbeddings(*ws->writer(), "e1", {"h1"});
        QVERIFY(!damaged);
        QVERIFY(damaged.error().message.find("damaged") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestEmbeddings)
#include "tst_embeddings.moc"
