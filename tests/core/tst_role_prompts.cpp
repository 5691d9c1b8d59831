// SPDX-License-Identifier: MIT
#include "core_printers.h"
#include "prompts/role_prompts.h"
#include "sim/sim_profile.h"

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
};

QTEST_GUILESS_MAIN(TestRolePrompts)
#include "tst_role_prompts.moc"
