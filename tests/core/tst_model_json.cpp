// SPDX-License-Identifier: MIT
// Value types survive a JSON round trip field for field; unknown stays unknown.

#include "model/call.h"
#include "model/grader_spec.h"
#include "model/model_spec.h"
#include "model/run.h"

#include "core_printers.h"

#include <QTest>

using namespace baton::core;

class TestModelJson : public QObject {
    Q_OBJECT
private slots:
    void callRoundTrip() {
        Call c;
        c.runId = 7;
        c.itemId = "q1";
        c.strategy = "cheap-first";
        c.nodeId = "0.1";
        c.parentNodeId = "0";
        c.role = CallRole::Judge;
        c.model = "sonnet";
        c.reason = {"score below threshold", 0.42, 0.7};
        c.requestHash = "abc";
        c.status = CallStatus::Error;
        c.error = "HTTP 429";
        c.attempt = 2;
        c.httpStatus = 429;
        c.usage = TokenUsage::fromAnthropic(10, 0, 0, std::nullopt);
        c.billedCost = Money{123};
        c.maybeBilled = true;
        c.latencyMs = 812.5;
        c.startedAtMs = 1700000000000;
        nlohmann::json j = c;
        QVERIFY(j["cost_pico"].is_null()); // unknown is null, never 0
        QVERIFY(j["usage"]["output"].is_null());
        Call back = j.get<Call>();
        QVERIFY(back == c);
    }

    void runAndOutcomeRoundTrip() {
        Run r;
        r.id = 3;
        r.status = RunStatus::Cancelled;
        r.poolSnapshot = {{"name", "p"}};
        r.taskSetHash = "h";
        r.strategies = {"single", "cascade"};
        r.seed = 42;
        r.settings = {{"concurrency", 8}};
        QVERIFY(nlohmann::json(r).get<Run>() == r);

        Outcome o;
        o.runId = 3;
        o.itemId = "q1";
        o.strategy = "cascade";
        o.answer = "42";
        o.grade = 1.0;
        o.cost = Money{5};
        o.callCount = 3;
        o.status = OutcomeStatus::Incomplete;
        QVERIFY(nlohmann::json(o).get<Outcome>() == o);
        o.grade.reset();
        o.cost.reset();
        QVERIFY(nlohmann::json(o).get<Outcome>() == o);
    }

    void enumNamesRoundTrip() {
        for (auto role : {CallRole::Answer, CallRole::Route, CallRole::Plan, CallRole::Propose, CallRole::Aggregate,
                          CallRole::Judge, CallRole::Verify, CallRole::Synthesize, CallRole::Embed})
            QVERIFY(callRoleFromString(toString(role)).value() == role);
        QVERIFY(!callRoleFromString("dance"));
        // Every value of every named enum has a name of its own that reads back as that value.
        for (auto v : {CallStatus::Pending, CallStatus::Ok, CallStatus::Error, CallStatus::Cancelled})
            QVERIFY(callStatusFromString(toString(v)).value() == v);
        for (auto v : {RunStatus::Pending, RunStatus::Running, RunStatus::Completed, RunStatus::Cancelled,
                       RunStatus::Failed})
            QVERIFY(runStatusFromString(toString(v)).value() == v);
        for (auto v : {OutcomeStatus::Complete, OutcomeStatus::Incomplete, OutcomeStatus::Failed})
            QVERIFY(outcomeStatusFromString(toString(v)).value() == v);
        for (auto v : {ProviderKind::OpenAi, ProviderKind::Anthropic, ProviderKind::Gemini, ProviderKind::Sim})
            QVERIFY(providerKindFromString(toString(v)).value() == v);
        for (auto v : {GraderKind::Exact, GraderKind::Normalized, GraderKind::Choice, GraderKind::Numeric,
                       GraderKind::Regex, GraderKind::Contains, GraderKind::JsonField})
            QVERIFY(graderKindFromString(toString(v)).value() == v);
        QCOMPARE(toString(RunStatus::Cancelled), std::string("cancelled"));
        QCOMPARE(toString(ProviderKind::OpenAi), std::string("openai"));
        QVERIFY(!runStatusFromString("Completed"));
    }
};

QTEST_GUILESS_MAIN(TestModelJson)
#include "tst_model_json.moc"
