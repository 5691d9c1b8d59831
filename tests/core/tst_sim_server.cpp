// SPDX-License-Identifier: MIT
// The simulator over real HTTP (libcurl): wire shapes, usage, every fault, bad input, determinism.

#include "core_printers.h"
#include "http_test_client.h"
#include "model/token_estimate.h"
#include "prompts/role_prompts.h"
#include "sim/demo_tasks.h"
#include "sim/sim_server.h"

#include <QTest>
#include <algorithm>
#include <arpa/inet.h>
#include <poll.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <curl/curl.h>
#include <nlohmann/json.hpp>

using namespace baton::core;
using Json = nlohmann::json;

namespace {

const TaskSet& demo() {
    static const TaskSet set = generateDemoTasks();
    return set;
}

const TaskItem& item(const std::string& id) {
    for (const auto& i : demo().items)
        if (i.id == id) return i;
    qFatal("no item %s", id.c_str());
}

SimProfile quietProfile() {
    SimProfile p = demoSimProfile();
    p.faults = {};
    p.timeScale = 0;
    return p;
}

std::unique_ptr<SimServer> startServer(SimProfile profile, std::optional<ReplaySource> replay = std::nullopt,
                                       SimServerOptions options = {}) {
    auto server =
        SimServer::start(std::make_shared<SimResponder>(std::move(profile), demo(), std::move(replay)), options);
    if (!server) qFatal("%s", server.error().describe().c_str());
    return std::move(*server);
}

/// A raw TCP connection to the simulator (for what libcurl will not send); -1 on failure.
int connectRaw(const SimServer& server, int timeoutSeconds = 20) {
    int port = std::stoi(server.baseUrl().substr(server.baseUrl().rfind(':') + 1));
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return ::close(fd), -1;
    timeval limit{timeoutSeconds, 0}; // a server that stops reading without answering fails a test, not hangs it
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    return fd;
}

std::string chatBody(const std::string& model, const std::string& prompt, bool stream = false, bool usage = false) {
    Json body = {{"model", model}, {"messages", {{{"role", "user"}, {"content", prompt}}}}};
    if (stream) body["stream"] = true;
    if (usage) body["stream_options"] = {{"include_usage", true}};
    return body.dump();
}

std::string url(const SimServer& s, const char* path) {
    return s.baseUrl() + path;
}

Json errorOf(const HttpResult& r) {
    auto doc = Json::parse(r.body, nullptr, false);
    return doc.is_object() && doc.contains("error") ? doc["error"] : Json();
}

std::string streamedContent(const HttpResult& r) {
    std::string content;
    for (const auto& data : r.sseData()) {
        if (data == "[DONE]") continue;
        auto chunk = Json::parse(data, nullptr, false);
        if (!chunk.is_object()) continue;
        for (const auto& choice : chunk.value("choices", Json::array()))
            content += choice["delta"].value("content", "");
    }
    return content;
}

} // namespace

class TestSimServer : public QObject {
    Q_OBJECT
private slots:
    void modelsList() {
        auto server = startServer(quietProfile());
        auto r = httpGet(url(*server, "/models"));
        QCOMPARE(r.status, 200L);
        auto data = Json::parse(r.body)["data"];
        QCOMPARE(data.size(), size_t(6));
        QCOMPARE(data[0]["id"].get<std::string>(), std::string("sim/nano"));
    }

    void tokenCountsByHand_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("tokens");
        QTest::newRow("sentence") << "The answer is 1234." << 6; // The, answer, is, 123, 4, "."
        QTest::newRow("long word") << "extraordinarily" << 2;    // 15 letters: 1 + 15 / 8
        QTest::newRow("digits") << "12345678" << 3;               // 123 456 78
        QTest::newRow("utf-8") << "caf\u00e9!" << 3;              // caf, e-acute, "!"
        QTest::newRow("blank") << " \t\n" << 0;
    }
    void tokenCountsByHand() {
        QFETCH(QString, text);
        QFETCH(int, tokens);
        QCOMPARE(estimateTokens(text.toStdString()), int64_t(tokens));
    }

    void nonStreamingShapeAndUsage() {
        auto server = startServer(quietProfile());
        const TaskItem& q = item("arith-001");
        auto r = httpPost(url(*server, "/chat/completions"), chatBody("sim/pro", q.prompt()));
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.headers["content-type"], std::string("application/json"));
        auto doc = Json::parse(r.body);
        QCOMPARE(doc["object"].get<std::string>(), std::string("chat.completion"));
        std::string content = doc["choices"][0]["message"]["content"];
        QCOMPARE(doc["choices"][0]["finish_reason"].get<std::string>(), std::string("stop"));
        QCOMPARE(doc["usage"]["completion_tokens"].get<int64_t>(), estimateTokens(content));
        // 3 per request and 4 per message (the chat framing), plus the text's tokens; the
        // estimator itself is pinned to hand counts in tokenCountsByHand.
        QCOMPARE(doc["usage"]["prompt_tokens"].get<int64_t>(), 3 + 4 + estimateTokens(q.prompt()));
        QVERIFY(content.find("The answer is ") != std::string::npos);
    }

    void streamingWithAndWithoutUsage() {
        auto server = startServer(quietProfile());
        const std::string prompt = item("word-007").prompt();
        auto plain = Json::parse(httpPost(url(*server, "/chat/completions"), chatBody("sim/mini", prompt)).body);
        auto r = httpPost(url(*server, "/chat/completions"), chatBody("sim/mini", prompt, true, true));
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.headers["content-type"].substr(0, 17), std::string("text/event-stream"));
        auto events = r.sseData();
        QCOMPARE(events.back(), std::string("[DONE]"));
        auto usageChunk = Json::parse(events[events.size() - 2]);
        QVERIFY(usageChunk["choices"].empty());
        QVERIFY(usageChunk["usage"] == plain["usage"]);
        QCOMPARE(streamedContent(r), plain["choices"][0]["message"]["content"].get<std::string>());
        auto finish = Json::parse(events[events.size() - 3]);
        QCOMPARE(finish["choices"][0]["finish_reason"].get<std::string>(), std::string("stop"));

        auto noUsage = httpPost(url(*server, "/chat/completions"), chatBody("sim/mini", prompt, true, false));
        QVERIFY(noUsage.body.find("\"usage\":{") == std::string::npos);
        QCOMPARE(noUsage.sseData().back(), std::string("[DONE]"));
    }

    void maxTokensCutsWithLength() {
        auto server = startServer(quietProfile());
        Json body = Json::parse(chatBody("sim/frontier", item("mc-003").prompt()));
        body["max_tokens"] = 12;
        auto doc = Json::parse(httpPost(url(*server, "/chat/completions"), body.dump()).body);
        QCOMPARE(doc["choices"][0]["finish_reason"].get<std::string>(), std::string("length"));
        QVERIFY(doc["usage"]["completion_tokens"].get<int64_t>() <= 12);
    }

    void faults_data() {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<bool>("stream");
        for (const char* f :
             {"429", "429ms", "500", "503", "stall", "drop", "truncated", "malformed", "missing_usage"}) {
            QTest::newRow((std::string(f) + " json").c_str()) << f << false;
            QTest::newRow((std::string(f) + " sse").c_str()) << f << true;
        }
        QTest::newRow("stream_error sse") << "stream_error" << true;
    }
    void faults() {
        QFETCH(QString, fault);
        QFETCH(bool, stream);
        SimProfile p = quietProfile();
        SimFaults& f = p.faults;
        std::string kind = fault.toStdString();
        if (kind == "429") f.rate429 = 1, f.retryAfterSeconds = 2;
        if (kind == "429ms") f.rate429 = 1, f.retryAfterSeconds = 1.5, f.retryAfterMs = true;
        if (kind == "500") f.rate500 = 1;
        if (kind == "503") f.rate503 = 1;
        if (kind == "stall") f.rateStall = 1, f.stallMs = 3000;
        if (kind == "drop") f.rateDrop = 1;
        if (kind == "truncated") f.rateTruncated = 1;
        if (kind == "malformed") f.rateMalformed = 1;
        if (kind == "missing_usage") f.rateMissingUsage = 1;
        if (kind == "stream_error") f.rateStreamError = 1;
        auto server = startServer(p);
        auto r =
            httpPost(url(*server, "/chat/completions"),
                     chatBody("sim/flash", item("extract-002").prompt(), stream, true), kind == "stall" ? 400 : 20000);

        if (kind == "429") {
            QCOMPARE(r.status, 429L);
            QCOMPARE(r.headers["retry-after"], std::string("2"));
            QCOMPARE(errorOf(r)["type"].get<std::string>(), std::string("rate_limit_error"));
        } else if (kind == "429ms") {
            QCOMPARE(r.status, 429L);
            QCOMPARE(r.headers["retry-after-ms"], std::string("1500"));
            QVERIFY(!r.headers.count("retry-after"));
        } else if (kind == "500" || kind == "503") {
            QCOMPARE(r.status, kind == "500" ? 500L : 503L);
            QCOMPARE(errorOf(r)["type"].get<std::string>(), std::string("server_error"));
        } else if (kind == "stall") {
            QCOMPARE(r.curlCode, int(CURLE_OPERATION_TIMEDOUT));
        } else if (kind == "drop") {
            QVERIFY2(r.curlCode != CURLE_OK, r.body.c_str());
            QVERIFY(r.body.find("[DONE]") == std::string::npos);
        } else if (kind == "truncated" || kind == "malformed") {
            QCOMPARE(r.status, 200L);
            if (!stream)
                QVERIFY(Json::parse(r.body, nullptr, false).is_discarded());
            else {
                bool broken = r.sseData().back() != "[DONE]";
                for (const auto& d : r.sseData())
                    broken = broken || (d != "[DONE]" && Json::parse(d, nullptr, false).is_discarded());
                QVERIFY(broken);
            }
        } else if (kind == "missing_usage") {
            QCOMPARE(r.status, 200L);
            QVERIFY(r.body.find("\"usage\":{") == std::string::npos);
        } else if (kind == "stream_error") {
            QCOMPARE(r.status, 200L);
            auto events = r.sseData();
            QCOMPARE(Json::parse(events.back())["error"]["type"].get<std::string>(), std::string("server_error"));
        }
        QCOMPARE(server->responder().faultCounts().begin()->second, int64_t(1));
    }

    void badRequests_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<long>("status");
        QTest::addColumn<QString>("param");
        QTest::newRow("garbage") << "\x01\x02 not json" << 400L << "";
        QTest::newRow("array") << "[1,2]" << 400L << "";
        QTest::newRow("no model") << R"({"messages":[{"role":"user","content":"hi"}]})" << 400L << "model";
        QTest::newRow("no messages") << R"({"model":"sim/nano"})" << 400L << "messages";
        QTest::newRow("bad message") << R"({"model":"sim/nano","messages":[{"content":"hi"}]})" << 400L
                                     << "messages[0]";
        QTest::newRow("bad stream")
            << R"({"model":"sim/nano","stream":"yes","messages":[{"role":"user","content":"x"}]})" << 400L << "stream";
        QTest::newRow("unknown model") << R"({"model":"gpt-9","messages":[{"role":"user","content":"hi"}]})" << 404L
                                       << "model";
    }
    void badRequests() {
        QFETCH(QString, body);
        QFETCH(long, status);
        QFETCH(QString, param);
        auto server = startServer(quietProfile());
        auto r = httpPost(url(*server, "/chat/completions"), body.toStdString());
        QCOMPARE(r.status, status);
        Json error = errorOf(r);
        QVERIFY2(error.is_object(), r.body.c_str());
        QVERIFY(error["message"].is_string());
        QCOMPARE(QString::fromStdString(error["param"].is_string() ? error["param"].get<std::string>() : ""), param);
    }

    void hugeBodyAndUnknownPath() {
        auto server = startServer(quietProfile());
        auto huge = httpPost(url(*server, "/chat/completions"), chatBody("sim/nano", std::string(9u << 20, 'a')));
        QCOMPARE(huge.status, 413L);
        QVERIFY(errorOf(huge).is_object());
        auto unknown = httpGet(url(*server, "/engines"));
        QCOMPARE(unknown.status, 404L);
        QVERIFY(errorOf(unknown).is_object());
        // The server still answers after both.
        QCOMPARE(httpGet(url(*server, "/models")).status, 200L);
    }

    // Issue 16, defect 5: a chunked body is bounded like any other (was: read whole, then 400).
    void chunkedBodyIsBoundedToo() {
        auto server = startServer(quietProfile());
        int fd = connectRaw(*server);
        QVERIFY(fd >= 0);
        std::string head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n";
        QCOMPARE(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), ssize_t(head.size()));
        const std::string chunk = "100000\r\n" + std::string(1u << 20, 'a') + "\r\n"; // 1 MiB
        size_t sentMiB = 0;
        for (; sentMiB < 64; ++sentMiB) // the server must answer long before 64 MiB
            if (::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) != ssize_t(chunk.size())) break;
        if (sentMiB == 64) (void)::send(fd, "0\r\n\r\n", 5, MSG_NOSIGNAL);
        std::string reply;
        char buffer[4096];
        for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0 && reply.find("\r\n\r\n") == std::string::npos;)
            reply.append(buffer, size_t(n));
        ::close(fd);
        QVERIFY2(reply.rfind("HTTP/1.1 413", 0) == 0, reply.substr(0, 200).c_str());
        QCOMPARE(httpGet(url(*server, "/models")).status, 200L); // and it still serves
    }

    // Issue 16, defect 5: clients that send their request a byte at a time (slowloris) hold the
    // simulator only for the request deadline, and others are served meanwhile. Each slow client
    // sends a byte every 100 ms, well inside the per-read timeout (10 s), so before the deadline
    // they kept their connection (and its thread) as long as they liked: 400 bytes = 40 s here.
    void slowClientsAreCutOffAndOthersServed() {
        SimServerOptions options;
        options.requestReadSeconds = 1;
        auto server = startServer(quietProfile(), std::nullopt, options);
        const std::string request = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " +
                                    std::string(400 - 68, 'a') + "\r\n\r\n"; // a valid head, however late
        const int slow = 80;
        std::vector<int> fds;
        for (int i = 0; i < slow; ++i) {
            fds.push_back(connectRaw(*server));
            QVERIFY(fds.back() >= 0);
        }
        std::vector<size_t> sent(size_t(slow), 0);
        std::vector<bool> closedByServer(size_t(slow), false);
        bool othersServed = true;
        for (size_t step = 0; step < request.size(); ++step) {
            for (size_t i = 0; i < fds.size(); ++i) {
                if (closedByServer[i]) continue;
                pollfd p{fds[i], POLLIN, 0};
                if (::poll(&p, 1, 0) > 0) { // the server answered (408) or closed: cut off
                    closedByServer[i] = true;
                    continue;
                }
                if (::send(fds[i], &request[step], 1, MSG_NOSIGNAL) == 1) ++sent[i];
                else closedByServer[i] = true;
            }
            if (step == 5) // while every slow client holds its connection, another is served
                othersServed = httpPost(url(*server, "/chat/completions"), chatBody("sim/nano", "2+2?")).status == 200;
            if (std::all_of(closedByServer.begin(), closedByServer.end(), [](bool c) { return c; })) break;
            ::usleep(100'000);
        }
        std::string reply;
        char buffer[512];
        ssize_t n = ::recv(fds[0], buffer, sizeof buffer, 0);
        if (n > 0) reply.assign(buffer, size_t(n));
        for (int fd : fds)
            ::close(fd);
        QVERIFY(othersServed);
        QCOMPARE(int(std::count(closedByServer.begin(), closedByServer.end(), true)), slow);
        QVERIFY2(*std::max_element(sent.begin(), sent.end()) < request.size(), "a slow client sent its whole request");
        QVERIFY2(reply.empty() || reply.rfind("HTTP/1.1 408", 0) == 0, reply.c_str());
        QCOMPARE(server->requestsTimedOut(), int64_t(slow));
        QCOMPARE(httpGet(url(*server, "/models")).status, 200L); // and it still serves
    }

    // A body that stops arriving part-way is refused the same way (408), not handed on truncated.
    void slowBodyIsCutOff() {
        SimServerOptions options;
        options.requestReadSeconds = 1;
        auto server = startServer(quietProfile(), std::nullopt, options);
        int fd = connectRaw(*server);
        QVERIFY(fd >= 0);
        std::string body = chatBody("sim/nano", "2+2?");
        std::string head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
        QCOMPARE(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), ssize_t(head.size()));
        size_t sent = 0;
        for (; sent < body.size(); ++sent) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 0) > 0) break;
            if (::send(fd, &body[sent], 1, MSG_NOSIGNAL) != 1) break;
            ::usleep(200'000);
        }
        std::string reply;
        char buffer[1024];
        for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
            reply.append(buffer, size_t(n));
        ::close(fd);
        QVERIFY2(sent < body.size(), "the whole body was taken byte by byte");
        QVERIFY2(reply.rfind("HTTP/1.1 408", 0) == 0, reply.substr(0, 200).c_str());
        QCOMPARE(server->requestsTimedOut(), int64_t(1));
    }

    void contextWindowExceeded() {
        SimProfile p = quietProfile();
        p.models[0].contextWindow = 50;
        auto server = startServer(p);
        auto r = httpPost(url(*server, "/chat/completions"), chatBody("sim/nano", item("lookup-001").prompt()));
        QCOMPARE(r.status, 400L);
        QCOMPARE(errorOf(r)["code"].get<std::string>(), std::string("context_length_exceeded"));
    }

    void embeddings() {
        auto server = startServer(quietProfile());
        auto r = httpPost(url(*server, "/embeddings"),
                          R"({"model":"sim/embed","input":["red apples","red apples","blue sky"]})");
        QCOMPARE(r.status, 200L);
        auto data = Json::parse(r.body)["data"];
        QCOMPARE(data.size(), size_t(3));
        auto a = data[0]["embedding"].get<std::vector<double>>(), c = data[2]["embedding"].get<std::vector<double>>();
        QCOMPARE(a.size(), size_t(256));
        QCOMPARE(data[1]["embedding"].get<std::vector<double>>(), a);
        double norm = 0, dot = 0;
        for (size_t i = 0; i < a.size(); ++i)
            norm += a[i] * a[i], dot += a[i] * c[i];
        QVERIFY(std::fabs(norm - 1) < 1e-5);
        QVERIFY(dot < 0.5);
        QCOMPARE(httpPost(url(*server, "/embeddings"), R"({"model":"x","input":[]})").status, 400L);
    }

    void sameSeedSameBytes() {
        // Two servers, same profile (with a fault mix), same request sequence: identical bytes.
        SimProfile p = quietProfile();
        p.faults.rate429 = 0.2, p.faults.rate500 = 0.1, p.faults.rateTruncated = 0.1, p.faults.rateMissingUsage = 0.1;
        std::vector<std::string> first, second;
        for (auto* out : {&first, &second}) {
            auto server = startServer(p);
            for (int i = 0; i < 60; ++i) {
                const TaskItem& q = demo().items[size_t(i * 5)];
                const char* model = i % 2 ? "sim/coder" : "sim/nano";
                auto r = httpPost(url(*server, "/chat/completions"), chatBody(model, q.prompt(), i % 3 == 0, true));
                out->push_back(std::to_string(r.status) + "|" + r.body);
            }
        }
        QCOMPARE(first.size(), size_t(60));
        for (size_t i = 0; i < first.size(); ++i)
            QCOMPARE(first[i], second[i]);
        SimProfile other = p;
        other.seed += 1;
        auto server = startServer(other);
        int differing = 0;
        for (int i = 0; i < 20; ++i) {
            auto r = httpPost(
                url(*server, "/chat/completions"),
                chatBody(i % 2 ? "sim/coder" : "sim/nano", demo().items[size_t(i * 5)].prompt(), i % 3 == 0, true));
            differing += (std::to_string(r.status) + "|" + r.body) != first[size_t(i)];
        }
        QVERIFY(differing > 10);
    }

    void rolePromptsAnsweredInFormat() {
        auto server = startServer(quietProfile());
        const TaskItem& q = item("mc-010");
        std::string judge = renderPrompt(
            PromptRole::Judge, {{"question", q.prompt()}, {"answer", "The answer is " + q.references[0] + "."}});
        int judgedCorrect = 0, parsed = 0;
        for (int sample = 0; sample < 40; ++sample) {
            Json body = Json::parse(chatBody("sim/frontier", judge));
            body["seed"] = sample;
            std::string content = Json::parse(
                httpPost(url(*server, "/chat/completions"), body.dump()).body)["choices"][0]["message"]["content"];
            auto verdict = Json::parse(content, nullptr, false);
            if (verdict.is_object()) ++parsed, judgedCorrect += verdict["correct"].get<bool>();
        }
        QVERIFY(parsed >= 38);                // frontier's format error rate is 0.5%
        QVERIFY(judgedCorrect >= parsed - 8); // judge skill 0.93 on a right answer

        std::string plan =
            renderPrompt(PromptRole::Plan, {{"question", item("word-002").prompt()}, {"models", "sim/nano, sim/pro"}});
        std::string planText = Json::parse(httpPost(url(*server, "/chat/completions"), chatBody("sim/frontier", plan))
                                               .body)["choices"][0]["message"]["content"];
        auto workflow = Json::parse(planText);
        QVERIFY(workflow["subtasks"].is_array() && !workflow["subtasks"].empty());
        std::string chosen = workflow["subtasks"][0]["model"];
        QVERIFY(chosen == "sim/nano" || chosen == "sim/pro");

        std::string aggregate = renderPrompt(
            PromptRole::Aggregate,
            {{"question", q.prompt()},
             {"candidates", renderCandidates({"The answer is " + q.references[0] + ".", "The answer is Z."})}});
        std::string agg = Json::parse(httpPost(url(*server, "/chat/completions"), chatBody("sim/frontier", aggregate))
                                          .body)["choices"][0]["message"]["content"];
        QVERIFY(agg.find("The answer is ") != std::string::npos);
    }

    void replayServesRecordedResponses() {
        auto replay =
            ReplaySource::parse("{\"item\":\"arith-001\",\"model\":\"gpt-4o\",\"response\":\"It is "
                                "12425.\",\"grade\":1,\"input_tokens\":31,\"output_tokens\":5,\"cost\":0.00012}\n",
                                "m.jsonl");
        QVERIFY(replay);
        auto server = startServer(quietProfile(), *replay);
        auto r = httpPost(url(*server, "/chat/completions"), chatBody("gpt-4o", item("arith-001").prompt()));
        QCOMPARE(r.status, 200L);
        auto doc = Json::parse(r.body);
        QCOMPARE(doc["choices"][0]["message"]["content"].get<std::string>(), std::string("It is 12425."));
        QCOMPARE(doc["usage"]["prompt_tokens"].get<int64_t>(), int64_t(31));
        QCOMPARE(doc["usage"]["cost"].get<double>(), 0.00012);
        QCOMPARE(httpPost(url(*server, "/chat/completions"), chatBody("gpt-4o", item("arith-002").prompt())).status,
                 404L);
        QCOMPARE(httpPost(url(*server, "/chat/completions"), chatBody("sim/nano", item("arith-001").prompt())).status,
                 404L);
    }

    // A recorded token count that is no whole number of tokens is refused with its line (1e25 was cast to
    // int64_t: undefined behaviour, INT64_MIN on x86, and served as the call's prompt tokens).
    void replayRefusesTokenCountsOutOfRange_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("JSONL 1e25") << "m.jsonl"
                                    << "{\"item\":\"a\",\"model\":\"m\",\"input_tokens\":1e25}\n"
                                    << "input_tokens";
        QTest::newRow("JSONL -3") << "m.jsonl"
                                  << "{\"item\":\"a\",\"model\":\"m\",\"output_tokens\":-3}\n"
                                  << "output_tokens";
        QTest::newRow("CSV 2.5") << "m.csv"
                                 << "item,model,input_tokens\na,m,2.5\n"
                                 << "input_tokens";
        QTest::newRow("CSV 9.3e18") << "m.csv"
                                    << "item,model,output_tokens\na,m,9.3e18\n"
                                    << "output_tokens";
        QTest::newRow("CSV inf") << "m.csv"
                                 << "item,model,input_tokens\na,m,inf\n"
                                 << "input_tokens";
    }
    void replayRefusesTokenCountsOutOfRange() {
        QFETCH(QString, file);
        QFETCH(QString, text);
        QFETCH(QString, field);
        auto replay = ReplaySource::parse(text.toStdString(), file.toStdString());
        QVERIFY(!replay);
        QCOMPARE(replay.error().kind, ErrorKind::BadInput);
        QCOMPARE(replay.error().problems.size(), size_t(1));
        QCOMPARE(replay.error().problems[0].location, std::string(file.endsWith(".csv") ? "line 2" : "line 1"));
        QVERIFY2(replay.error().problems[0].message.find("\"" + field.toStdString() +
                                                         "\" must be a whole number of tokens") != std::string::npos,
                 replay.error().problems[0].message.c_str());
        auto fine = ReplaySource::parse("item,model,input_tokens,output_tokens\na,m,1000000000000000,0\n", "m.csv");
        QVERIFY(fine);
        QCOMPARE(fine->find("m", "a")->inputTokens, std::optional<int64_t>(1000000000000000));
    }

    void refusesNonLoopbackHost() {
        SimServerOptions options;
        options.host = "0.0.0.0";
        auto server = SimServer::start(std::make_shared<SimResponder>(quietProfile(), demo()), options);
        QVERIFY(!server);
        QVERIFY(server.error().message.find("loopback") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSimServer)
#include "tst_sim_server.moc"
