// SPDX-License-Identifier: MIT
// Provider conformance, checked against the official SDKs.
// 1. Requests: tests/data/conformance/sdk/*.json hold what openai 6.49.0, @anthropic-ai/sdk
//    1.14.0 and 0.137.0, and @google/genai 2.32.0 sent for the same call (recorded by
//    tools/conformance/record.sh); Baton's request must match each on method, path, the key and
//    version headers and the whole JSON body.
// 2. Responses: tests/data/conformance/cases.json lists realistic replies, each served to a
//    one-call run on loopback; the call log must hold the text, tokens, cost, finish reason and
//    retry decision worked out by hand there, and the request the run sent must stream when the
//    run streams.

#include "capture_server.h"
#include "core_printers.h"
#include "eval/run_report.h"
#include "model/finish_reason.h"
#include "net/sse_parser.h"
#include "providers/provider_adapter.h"
#include "run_bench.h"
#include "store/run_store.h"
#include "util/file_io.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace baton::core;
using Json = nlohmann::json;

Q_DECLARE_METATYPE(Json)

namespace {

const std::string kKey = "test-key-0123";

Json readJson(const std::string& relative) {
    return Json::parse(readTextFile(BATON_TEST_DATA "/conformance/" + relative).value());
}

std::string header(const HttpRequest& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (QString::fromStdString(k).compare(QString::fromStdString(name), Qt::CaseInsensitive) == 0) return v;
    return "";
}

std::string withoutKey(std::string value) {
    if (auto at = value.find(kKey); at != std::string::npos) value.replace(at, kKey.size(), "<key>");
    return value;
}

std::vector<Message> theMessages() {
    return {{"system", "Be brief."}, {"user", "Capital of France?"}};
}

TaskSet oneItem() {
    TaskSet set;
    set.name = "conformance";
    TaskItem item;
    item.id = "capital";
    item.category = "geography";
    item.messages = theMessages();
    item.references = {"Paris."};
    set.items.push_back(item);
    return set;
}

std::optional<int64_t> optInt(const Json& j, const char* key) {
    return j.contains(key) && j[key].is_number() ? std::optional<int64_t>(j[key].get<int64_t>()) : std::nullopt;
}

} // namespace

class TestConformance : public QObject {
    Q_OBJECT
private slots:
    void requestsMatchTheSdks_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("provider");
        QTest::addColumn<QString>("baseUrl");
        QTest::addColumn<QString>("apiVersion");
        QTest::addColumn<bool>("stream");
        const int openAi = int(ProviderKind::OpenAi), anthropic = int(ProviderKind::Anthropic),
                  gemini = int(ProviderKind::Gemini);
        const QString oa = "https://api.openai.com/v1", an = "https://api.anthropic.com",
                      ge = "https://generativelanguage.googleapis.com";
        QTest::newRow("openai") << "openai" << openAi << oa << "" << false;
        QTest::newRow("openai stream") << "openai_stream" << openAi << oa << "" << true;
        QTest::newRow("anthropic 1.x") << "anthropic" << anthropic << an << "" << false;
        QTest::newRow("anthropic 1.x stream") << "anthropic_stream" << anthropic << an << "" << true;
        QTest::newRow("anthropic 0.x, pinned") << "anthropic_v0" << anthropic << an << "2023-06-01" << false;
        QTest::newRow("anthropic 0.x stream") << "anthropic_v0_stream" << anthropic << an << "2023-06-01" << true;
        QTest::newRow("gemini") << "gemini" << gemini << ge << "" << false;
        QTest::newRow("gemini stream") << "gemini_stream" << gemini << ge << "" << true;
    }

    void requestsMatchTheSdks() {
        QFETCH(QString, fixture);
        QFETCH(int, provider);
        QFETCH(QString, baseUrl);
        QFETCH(QString, apiVersion);
        QFETCH(bool, stream);
        Json sdk = readJson("sdk/" + fixture.toStdString() + ".json");
        ModelSpec m;
        m.provider = ProviderKind(provider);
        m.remoteModel = sdk["body"].value("model", "gemini-2.5-flash"); // Gemini names it in the path
        m.apiVersion = apiVersion.toStdString();
        ChatCallSpec spec;
        spec.messages = theMessages();
        spec.maxOutputTokens = 64;
        spec.sample = 3;
        spec.stream = stream;
        HttpRequest req = adapterFor(m.provider).buildRequest(m, baseUrl.toStdString(), spec, kKey);

        QCOMPARE(req.method, sdk["method"].get<std::string>());
        auto origin = req.url.find('/', req.url.find("//") + 2);
        QCOMPARE(req.url.substr(origin), sdk["path"].get<std::string>());
        QVERIFY(req.url.find(kKey) == std::string::npos); // never in the URL
        for (const char* name : {"content-type", "authorization", "x-api-key", "anthropic-version", "x-goog-api-key"})
            QCOMPARE(withoutKey(header(req, name)), sdk["headers"].value(name, std::string()));
        Json body = Json::parse(req.body);
        QVERIFY2(body == sdk["body"], (body.dump() + "\n  vs the SDK's\n" + sdk["body"].dump()).c_str());
    }

    void responsesReadAsWorkedOutByHand_data() {
        QTest::addColumn<Json>("theCase");
        Json doc = readJson("cases.json");
        for (const auto& c : doc["cases"]) {
            Json withPrice = c;
            withPrice["price"] = doc["prices"][c["provider"].get<std::string>()];
            QTest::newRow(c["name"].get<std::string>().c_str()) << withPrice;
        }
    }

    void responsesReadAsWorkedOutByHand() {
        QFETCH(Json, theCase);
        const std::string provider = theCase["provider"];
        const bool stream = theCase["stream"];
        const Json& expect = theCase["expect"];
        std::string response =
            readTextFile(BATON_TEST_DATA "/conformance/" + theCase["response"].get<std::string>()).value();
        baton::test::CaptureServer server(200, stream ? "text/event-stream" : "application/json", response);

        Json model = {{"name", "m"},
                      {"provider", provider},
                      {"base_url", server.url() + (provider == "openai" ? "/v1" : "")},
                      {"model", theCase["model"]},
                      {"key_ref", "env:BATON_CONFORMANCE_KEY"},
                      {"price", theCase["price"]},
                      {"max_output_tokens", 64}};
        Pool pool = parsePool(Json{{"schema", 1}, {"name", "conformance"}, {"models", {model}}}.dump(), "conformance")
                        .value()
                        .pool;
        baton::test::RunBench bench(oneItem(), baton::test::quietProfile());
        RunSettings settings;
        settings.useCache = false;
        settings.stream = stream;
        RunEnvironment env = bench.env();
        env.resolveKey = [](const KeyRef&) { return std::optional<std::string>(kKey); };
        auto summary = startRun(bench.inputs(), pool, bench.tasks, settings, env, {}, {});
        QVERIFY2(summary, summary ? "" : summary.error().describe().c_str());

        // What the run sent: one request per attempt, streaming exactly when the run streams.
        auto sent = server.requests();
        QCOMPARE(int(sent.size()), expect["attempts"].get<int>());
        const auto& first = sent.front();
        QVERIFY(first.path.find(kKey) == std::string::npos);
        Json body = Json::parse(first.body);
        if (provider == "gemini") {
            QCOMPARE(first.path.ends_with(":streamGenerateContent?alt=sse"), stream);
            QCOMPARE(first.path.ends_with(":generateContent"), !stream);
            QCOMPARE(first.header("x-goog-api-key"), kKey);
        } else {
            QCOMPARE(body.value("stream", false), stream);
            if (provider == "openai") QCOMPARE(body.contains("stream_options"), stream);
            QCOMPARE(first.header("Authorization"), "Bearer " + kKey);
        }

        // What the run logged.
        auto calls = bench.calls(summary->runId);
        QCOMPARE(int(calls.size()), expect["attempts"].get<int>());
        const Call& c = calls.back();
        QCOMPARE(toString(c.status), expect["status"].get<std::string>());
        QCOMPARE(c.finishReason, expect.value("finish_reason", std::string()));
        auto cost = optInt(expect, "cost_pico");
        QCOMPARE(c.cost ? std::optional<int64_t>(c.cost->pico) : std::nullopt, cost);
        QCOMPARE(c.maybeBilled, expect.value("maybe_billed", false));
        // Time to first token: measured for a stream that delivered content, for no other call.
        QCOMPARE(c.ttftMs.has_value(),
                 stream && expect.value("delivered", !expect.value("text", std::string()).empty()));
        if (c.ttftMs) QVERIFY(*c.ttftMs <= *c.latencyMs + 1);
        if (cost) QCOMPARE(summary->spent.pico, *cost); // the reservation was released to the actual cost
        if (expect["status"] == "ok") {
            TokenUsage u{optInt(expect, "input"), optInt(expect, "cached_input"), optInt(expect, "cache_write"),
                         optInt(expect, "output"), optInt(expect, "reasoning")};
            QCOMPARE(c.usage, u);
            auto db = bench.freshReader();
            QCOMPARE(loadOutcomes(*db, summary->runId).value().at(0).answer, expect["text"].get<std::string>());
            auto report = loadRunReport(*db, summary->runId).value();
            FinishKind kind = classifyFinish(c.finishReason);
            QCOMPARE(toString(kind), expect["finish_kind"].get<std::string>());
            QCOMPARE(report.strategies.at(0).truncatedCalls, int64_t(kind == FinishKind::Truncated));
            QCOMPARE(report.strategies.at(0).refusedCalls, int64_t(kind == FinishKind::Refused));
        }
    }

    void responsesReadLikeTheSdks_data() {
        QTest::addColumn<Json>("theCase");
        QTest::addColumn<Json>("sdkRead");
        Json doc = readJson("cases.json"), reads = readJson("sdk/reads.json");
        for (const auto& c : doc["cases"])
            QTest::newRow(c["name"].get<std::string>().c_str()) << c << reads.at(c["name"].get<std::string>());
    }

    /// The same bytes read by Baton's adapter and by the provider's SDK: the same text and finish
    /// reason (a blocked prompt's reason is Baton's "blocked:" + the SDK's blockReason), and an
    /// error where the SDK raised one.
    void responsesReadLikeTheSdks() {
        QFETCH(Json, theCase);
        QFETCH(Json, sdkRead);
        const ProviderAdapter& adapter = adapterFor(providerKindFromString(theCase["provider"]).value());
        std::string bytes =
            readTextFile(BATON_TEST_DATA "/conformance/" + theCase["response"].get<std::string>()).value();
        std::optional<ProviderReply> reply;
        std::optional<ProviderError> error;
        if (theCase["stream"].get<bool>()) {
            auto decoder = adapter.streamDecoder();
            SseParser parser;
            std::vector<SseEvent> events;
            parser.feed(bytes, events);
            parser.finish(events);
            for (const auto& e : events)
                if (!error) error = decoder->onEvent(e);
            if (!error) reply = decoder->reply();
        } else {
            auto parsed = adapter.parseResponse(bytes);
            if (auto* r = std::get_if<ProviderReply>(&parsed))
                reply = *r;
            else
                error = std::get<ProviderError>(parsed);
        }
        if (sdkRead.contains("error")) {
            QVERIFY2(error, "the SDK raised an error; Baton read a reply");
            QVERIFY2(sdkRead["message"].get<std::string>().find(error->type) != std::string::npos, error->type.c_str());
            return;
        }
        QVERIFY2(reply, error ? error->message.c_str() : "");
        QCOMPARE(reply->text, sdkRead["text"].get<std::string>());
        std::string finish = sdkRead.value("block_reason", Json()).is_string()
                                 ? kBlockedPrefix + sdkRead["block_reason"].get<std::string>()
                                 : sdkRead["finish_reason"].get<std::string>();
        QCOMPARE(reply->finishReason, finish);
    }

    void finishReasonsAreClassified_data() {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("kind");
        for (auto [r, k] :
             std::initializer_list<std::pair<const char*, const char*>>{{"", "none"},
                                                                        {"stop", "complete"},
                                                                        {"end_turn", "complete"},
                                                                        {"STOP", "complete"},
                                                                        {"tool_calls", "complete"},
                                                                        {"length", "truncated"},
                                                                        {"max_tokens", "truncated"},
                                                                        {"MAX_TOKENS", "truncated"},
                                                                        {"content_filter", "refused"},
                                                                        {"refusal", "refused"},
                                                                        {"SAFETY", "refused"},
                                                                        {"RECITATION", "refused"},
                                                                        {"blocked:SAFETY", "refused"},
                                                                        {"pause_turn", "other"},
                                                                        {"MALFORMED_FUNCTION_CALL", "other"}})
            QTest::newRow(r[0] ? r : "(empty)") << r << k;
    }

    void finishReasonsAreClassified() {
        QFETCH(QString, reason);
        QFETCH(QString, kind);
        QCOMPARE(QString::fromStdString(toString(classifyFinish(reason.toStdString()))), kind);
    }
};

QTEST_GUILESS_MAIN(TestConformance)
#include "tst_conformance.moc"
