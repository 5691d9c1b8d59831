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
};

QTEST_GUILESS_MAIN(TestRolePrompts)
#include "tst_role_prompts.moc"
