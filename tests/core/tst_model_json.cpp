// SPDX-License-Identifier: MIT
// Value types survive a JSON round trip field for field; unknown stays unknown.

#include "model/call.h"
#include "model/grader_spec.h"
#include "model/model_spec.h"
#include "model/run.h"
#include "util/json_whole.h"

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

    // A bundle's calls.jsonl, outcomes.jsonl and run.json come from someone else: a number that does not fit
    // its field is refused, never cast (nlohmann's bare cast made 1e30 undefined behaviour, INT64_MIN on x86,
    // and 4294967297 an attempt of 1).
    void outOfRangeNumbersAreRefused_data() {
        QTest::addColumn<QString>("field"); // the type, then the JSON pointer of the field
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("call cost 1e30") << QString("call/cost_pico") << QByteArray("1e30");
        QTest::newRow("call billed cost 2^64-1")
            << QString("call/billed_cost_pico") << QByteArray("18446744073709551615");
        QTest::newRow("call attempt 2^32+1") << QString("call/attempt") << QByteArray("4294967297");
        QTest::newRow("call http status 1e10") << QString("call/http_status") << QByteArray("1e10");
        QTest::newRow("call run id 2.5") << QString("call/run_id") << QByteArray("2.5");
        QTest::newRow("call started at 1e300") << QString("call/started_at_ms") << QByteArray("1e300");
        QTest::newRow("call input tokens 1e25") << QString("call/usage/input") << QByteArray("1e25");
        QTest::newRow("call output tokens -9.3e18") << QString("call/usage/output") << QByteArray("-9.3e18");
        QTest::newRow("outcome cost 9.3e18") << QString("outcome/cost_pico") << QByteArray("9.3e18");
        QTest::newRow("outcome call count 2^32") << QString("outcome/call_count") << QByteArray("4294967296");
        QTest::newRow("run seed -1.0") << QString("run/seed") << QByteArray("-1.0");
        QTest::newRow("run seed -1") << QString("run/seed") << QByteArray("-1");
        QTest::newRow("run id 1e19") << QString("run/id") << QByteArray("1e19");
    }
    void outOfRangeNumbersAreRefused() {
        QFETCH(QString, field);
        QFETCH(QByteArray, value);
        QString type = field.section('/', 0, 0), pointer = field.mid(type.size());
        Call c;
        c.runId = 1, c.itemId = "q1", c.strategy = "single", c.nodeId = "0", c.model = "m";
        Outcome o;
        o.runId = 1, o.itemId = "q1", o.strategy = "single";
        Run r;
        r.id = 1;
        nlohmann::json j = type == "call"      ? nlohmann::json(c)
                           : type == "outcome" ? nlohmann::json(o)
                                               : nlohmann::json(r);
        j[nlohmann::json::json_pointer(pointer.toStdString())] = nlohmann::json::parse(value.toStdString());
        std::string message;
        try {
            if (type == "call")
                (void)j.get<Call>();
            else if (type == "outcome")
                (void)j.get<Outcome>();
            else
                (void)j.get<Run>();
        } catch (const JsonRangeError& e) {
            message = e.what();
        }
        std::string key = pointer.toStdString().substr(pointer.lastIndexOf('/') + 1);
        QVERIFY2(message.find("\"" + key + "\" must be a whole number") != std::string::npos, message.c_str());
        QVERIFY2(message.find(nlohmann::json::parse(value.toStdString()).dump()) != std::string::npos, message.c_str());
    }

    void wholeNumbersWithinRangeAreRead() {
        QCOMPARE(wholeAs<int>(nlohmann::json(2147483647), "n"), 2147483647);
        QCOMPARE(wholeAs<int>(nlohmann::json(-2147483648.0), "n"), -2147483647 - 1);
        QCOMPARE(wholeAs<int64_t>(nlohmann::json(-9223372036854775807 - 1), "n"), INT64_MIN);
        QCOMPARE(wholeAs<int64_t>(nlohmann::json(9223372036854774784.0), "n"), int64_t(9223372036854774784));
        QCOMPARE(wholeAs<uint64_t>(nlohmann::json(18446744073709551615u), "n"), UINT64_MAX);
        QCOMPARE(wholeAs<int>(nlohmann::json(5.0), "n"), 5);
        QVERIFY_THROWS_EXCEPTION(JsonRangeError, wholeAs<int>(nlohmann::json(2147483648.0), "n"));
        QVERIFY_THROWS_EXCEPTION(JsonRangeError, wholeAs<int64_t>(nlohmann::json(9223372036854775808.0), "n"));
        QVERIFY_THROWS_EXCEPTION(JsonRangeError, wholeAs<uint64_t>(nlohmann::json(18446744073709551616.0), "n"));
        QVERIFY_THROWS_EXCEPTION(JsonRangeError, wholeAs<int>(nlohmann::json(std::nan("")), "n"));
        QVERIFY_THROWS_EXCEPTION(nlohmann::json::type_error, wholeAs<int>(nlohmann::json("5"), "n"));
    }
};

QTEST_GUILESS_MAIN(TestModelJson)
#include "tst_model_json.moc"
