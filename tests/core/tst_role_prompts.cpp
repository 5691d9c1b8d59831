// SPDX-License-Identifier: MIT
#include "core_printers.h"
#include "prompts/role_prompts.h"
#include "sim/sim_profile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace baton::core;

class TestRolePrompts : public QObject {
    Q_OBJECT
private slots:
    void everyTemplateIsVersionedAndRecognised() {
        for (auto role : {PromptRole::Judge, PromptRole::Verify, PromptRole::Aggregate, PromptRole::Plan,
                          PromptRole::Subtask, PromptRole::Synthesize}) {
            std::string_view text = promptTemplate(role);
            QVERIFY2(text.rfind("### baton-role: " + toString(role) + " v1\n", 0) == 0, toString(role).c_str());
            std::string rendered =
                renderPrompt(role, {{"question", "What is 2+2?"}, {"answer", "4"}, {"models", "a, b"}});
            QVERIFY(rendered.find("{{") == std::string::npos);
            auto recognised = recognisePrompt(rendered);
            QVERIFY(recognised);
            QVERIFY(recognised->role == role);
            QCOMPARE(recognised->sections["question"], std::string("What is 2+2?"));
        }
    }

    void planListsModelsAndCandidatesRoundTrip() {
        auto plan =
            recognisePrompt(renderPrompt(PromptRole::Plan, {{"question", "q"}, {"models", "sim/nano, sim/pro"}}));
        QCOMPARE(plan->models, (std::vector<std::string>{"sim/nano", "sim/pro"}));
        std::vector<std::string> candidates = {"first\nline two", "The answer is 7."};
        auto agg = recognisePrompt(
            renderPrompt(PromptRole::Aggregate, {{"question", "q"}, {"candidates", renderCandidates(candidates)}}));
        QCOMPARE(parseCandidates(agg->sections["candidates"]), candidates);
    }

    void ordinaryTextIsNotARolePrompt() {
        QVERIFY(!recognisePrompt("What is 2+2?"));
        QVERIFY(!recognisePrompt("### baton-role: dance v1\n"));
    }

    void simProfileProblemsHavePaths() {
        auto bad = parseSimProfile(R"({"schema":1,"models":[{"name":"a","skill":{"x":1.5}},{"skill":{}}],
                                       "faults":{"rate_429":0.8,"rate_500":0.5}})",
                                   "p.json");
        QVERIFY(!bad);
        std::string all = bad.error().describe();
        QVERIFY2(all.find("p.json: /models/0/skill/x: a rate is a probability") != std::string::npos, all.c_str());
        QVERIFY(all.find("/models/1/name: required field is missing") != std::string::npos);
        QVERIFY(all.find("/models/1/skill: give at least a \"default\" skill") != std::string::npos);
        QVERIFY(all.find("/faults: the fault rates add up to more than 1") != std::string::npos);
        QCOMPARE(demoSimProfile().models.size(), size_t(6));
    }

    // A fault's wait becomes an integer (the Retry-After header, a sleep's microseconds): 1e300 seconds was
    // accepted and cast, undefined behaviour (on x86 the header said -9223372036854775808).
    void simProfileRefusesWaitsBeyondADay_data() {
        QTest::addColumn<QString>("faults");
        QTest::addColumn<QString>("expected");
        QTest::newRow("retry after 1e300 s") << R"("retry_after_s":1e300)"
                                             << "/faults/retry_after_s: must be from 0 to 86400 (a day), got 1e+300";
        QTest::newRow("retry after 9.3e18 s, in ms") << R"("retry_after_s":9.3e18,"retry_after_ms":true)"
                                                     << "/faults/retry_after_s: must be from 0 to 86400";
        QTest::newRow("stall 1e20 ms") << R"("rate_stall":0.1,"stall_ms":1e20)"
                                       << "/faults/stall_ms: must be from 0 to 86400000 (a day), got 1e+20";
    }
    void simProfileRefusesWaitsBeyondADay() {
        QFETCH(QString, faults);
        QFETCH(QString, expected);
        auto doc = nlohmann::json::parse(R"({"schema":1,"models":[{"name":"a","skill":{"default":0.5}}]})");
        doc["faults"] = nlohmann::json::parse("{" + faults.toStdString() + "}");
        auto bad = parseSimProfile(doc.dump(), "p.json");
        QVERIFY(!bad);
        std::string all = bad.error().describe();
        QVERIFY2(all.find("p.json: " + expected.toStdString()) != std::string::npos, all.c_str());
        auto day = parseSimProfile(R"({"schema":1,"models":[{"name":"a","skill":{"default":0.5}}],
                                      "faults":{"retry_after_s":86400,"stall_ms":86400000}})",
                                   "p.json");
        QVERIFY2(day, day ? "" : day.error().describe().c_str());
        QCOMPARE(day->faults.retryAfterSeconds, 86400.0);
    }

    // A reply is built in memory at the length drawn from Normal(mean, sd), at least min: a profile's
    // output_tokens were only checked to be >= 0, so a mean of 1e9 built a reply of about 4.7 GB per request,
    // and one of 1e300 was passed to llround (an unspecified result). Each is now at most
    // kMaxSimOutputTokens, refused naming the file, the JSON path and the model.
    void simProfileRefusesOutputTokensOutOfRange_data() {
        QTest::addColumn<QString>("outputTokens");
        QTest::addColumn<QString>("expected"); // empty: loads
        QTest::newRow("mean 1e300") << R"("mean":1e300)"
                                    << "/models/0/output_tokens/mean: must be from 0 to 1000000 tokens (model \"a\"), got 1e+300";
        QTest::newRow("mean 1e9") << R"("mean":1e9)"
                                  << "/models/0/output_tokens/mean: must be from 0 to 1000000 tokens (model \"a\"), got 1000000000.0";
        QTest::newRow("sd 1e12") << R"("sd":1e12)"
                                 << "/models/0/output_tokens/sd: must be from 0 to 1000000 tokens (model \"a\"), got 1000000000000.0";
        QTest::newRow("sd negative") << R"("sd":-5)"
                                     << "/models/0/output_tokens/sd: must be from 0 to 1000000 tokens (model \"a\"), got -5";
        QTest::newRow("min 10^15") << R"("min":1000000000000000)"
                                   << "/models/0/output_tokens/min: must be from 0 to 1000000 tokens (model \"a\"), got 1000000000000000";
        QTest::newRow("at the limit") << R"("mean":1000000,"sd":1000000,"min":1000000)" << "";
    }
    void simProfileRefusesOutputTokensOutOfRange() {
        QFETCH(QString, outputTokens);
        QFETCH(QString, expected);
        auto doc = nlohmann::json::parse(R"({"schema":1,"models":[{"name":"a","skill":{"default":0.5}}]})");
        doc["models"][0]["output_tokens"] = nlohmann::json::parse("{" + outputTokens.toStdString() + "}");
        auto profile = parseSimProfile(doc.dump(), "p.json");
        QCOMPARE(bool(profile), expected.isEmpty());
        if (profile) {
            QCOMPARE(profile->models[0].outputMean, 1e6);
            QCOMPARE(profile->models[0].outputSd, 1e6);
            QCOMPARE(profile->models[0].outputMin, int64_t(1000000));
            return;
        }
        QCOMPARE(profile.error().kind, ErrorKind::BadInput);
        QCOMPARE(profile.error().problems.size(), size_t(1));
        std::string all = profile.error().describe();
        QVERIFY2(all.find("p.json: " + expected.toStdString()) != std::string::npos, all.c_str());
    }

    // A first token's wait and the time scale are bounded as a stall is, and as `sim serve --time-scale`
    // is: a profile stating a ttft of 1e300 ms or a time scale of 1e6 loaded (each wait then cut to a day).
    void simProfileRefusesWaitsOutOfRange_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected"); // empty: loads
        QTest::newRow("ttft 1e300") << "/models/0/latency/ttft_ms" << "1e300"
                                    << "/models/0/latency/ttft_ms: must be from 0 to 86400000 (a day), got 1e+300";
        QTest::newRow("ttft negative") << "/models/0/latency/ttft_ms" << "-1"
                                       << "/models/0/latency/ttft_ms: must be from 0 to 86400000 (a day), got -1";
        QTest::newRow("ttft a day") << "/models/0/latency/ttft_ms" << "86400000" << "";
        QTest::newRow("time scale 1e6") << "/time_scale" << "1e6" << "/time_scale: must be from 0 to 1000, got 1000000.0";
        QTest::newRow("time scale 1000") << "/time_scale" << "1000" << "";
    }
    void simProfileRefusesWaitsOutOfRange() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        auto doc = nlohmann::json::parse(R"({"schema":1,"models":[{"name":"a","skill":{"default":0.5}}]})");
        doc[nlohmann::json::json_pointer(pointer.toStdString())] = nlohmann::json::parse(value.toStdString());
        auto profile = parseSimProfile(doc.dump(), "p.json");
        QCOMPARE(bool(profile), expected.isEmpty());
        if (profile) {
            QCOMPARE(pointer.endsWith("ttft_ms") ? profile->models[0].ttftMs : profile->timeScale, value.toDouble());
            return;
        }
        QCOMPARE(profile.error().kind, ErrorKind::BadInput);
        std::string all = profile.error().describe();
        QVERIFY2(all.find("p.json: " + expected.toStdString()) != std::string::npos, all.c_str());
    }

    // Every sim profile in the repository loads under the bounds above and the waits' (the demo's, the
    // benchmark's, the end-to-end tests' and the fuzz seeds'); the fuzz seeds named huge_* are the
    // crafted ones, refused.
    void everyProfileInTheRepositoryLoads() {
        QStringList files = {BATON_SOURCE_DIR "/resources/demo/sim_profile.json",
                             BATON_SOURCE_DIR "/bench/data/sim_profile.json"};
        for (const char* dir : {BATON_TEST_DATA "/e2e", BATON_SOURCE_DIR "/tests/fuzz/corpus/sim_profile"})
            for (const QString& name : QDir(dir).entryList({"*.json"}, QDir::Files))
                if (name.contains("profile") || name.startsWith("huge_")) files << QString(dir) + "/" + name;
        QVERIFY(files.size() >= 9);
        int crafted = 0;
        for (const QString& file : files) {
            QFile f(file);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
            // The resume test's fixture and its fuzz seed leave the time scale to the test.
            std::string text = f.readAll().replace("@TIME_SCALE@", "0").toStdString();
            auto profile = parseSimProfile(text, file.toStdString());
            bool isCrafted = QFileInfo(file).fileName().startsWith("huge_");
            crafted += isCrafted;
            QVERIFY2(bool(profile) != isCrafted, profile ? qPrintable(file) : profile.error().describe().c_str());
        }
        QCOMPARE(crafted, 2);
        QVERIFY(!demoSimProfile().models.empty());
    }
};

QTEST_GUILESS_MAIN(TestRolePrompts)
#include "tst_role_prompts.moc"
