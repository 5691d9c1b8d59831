// SPDX-License-Identifier: MIT
// The report read from the workspace (calls folded in SQL, grades without answer texts, items as
// id -> category) against the report built from every call, outcome and item loaded whole: the
// same figures, on a run with every kind of call a report counts (roles, errors, unknown costs,
// cache hits, truncated and refused answers, retries). And the work of a report, which must not
// grow with the number of calls: the folded calls are kept as calls are logged (call_totals).

#include "core_printers.h"
#include "older_schema.h"
#include "eval/run_history.h"
#include "eval/run_report.h"
#include "store/call_costs.h"
#include "store/call_groups.h"
#include "store/call_log.h"
#include "store/run_rows.h"
#include "store/run_store.h"
#include "store/run_totals.h"
#include "store/schema.h"
#include "store/task_set_store.h"
#include "store/text_store.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace baton::core;

namespace {

constexpr int kItems = 40;

struct MixedRun {
    QTemporaryDir dir;
    std::optional<Workspace> ws;
    TaskSet tasks;
    int64_t runId = 0;

    MixedRun() {
        ws.emplace(Workspace::open(dir.filePath("w.db").toStdString()).value());
        const char* categories[] = {"arithmetic", "extraction", "code-output"};
        for (int i = 0; i < kItems; ++i)
        {
            TaskItem item;
            item.id = "q" + std::to_string(i), item.category = categories[i % 3];
            item.messages = {{"user", "question " + std::to_string(i)}}, item.references = {"a"};
            tasks.items.push_back(item);
        }
        saveTaskSet(db(), tasks, "t", 1).value();
        Run run;
        run.taskSetHash = tasks.contentHash();
        run.poolSnapshot = {{"name", "p"},
                            {"models", {{{"name", "cheap"}, {"provider", "openai"}, {"model", "c"}},
                                        {{"name", "strong"}, {"provider", "openai"}, {"model", "s"}}}}};
        run.strategies = {"cheap", "strong", "cascade"};
        run.settings = {{"baselines", true}};
        run.status = RunStatus::Completed;
        run.seed = 3;
        runId = insertRun(db(), run).value();
        for (int i = 0; i < kItems; ++i)
            for (const std::string s : {"cheap", "strong", "cascade"})
                addJob(i, s);
    }
    SqliteDb& db() { return *ws->writer(); }

    void addJob(int i, const std::string& strategy) {
        const std::string item = "q" + std::to_string(i);
        const int salt = i * 7 + int(strategy.size());
        std::optional<Money> total = Money{0};
        double latency = 0;
        int calls = 0;
        auto add = [&](const std::string& node, const std::string& parent, CallRole role, int attempt) {
            Call c;
            c.runId = runId, c.itemId = item, c.strategy = strategy, c.nodeId = node, c.parentNodeId = parent;
            c.role = role, c.model = strategy == "strong" ? "strong" : "cheap", c.attempt = attempt;
            c.requestHash = putText(db(), "request " + item + strategy + node + std::to_string(attempt)).value();
            c.status = CallStatus::Ok;
            c.usage = TokenUsage::fromOpenAi(100 + salt, salt % 5, 20 + salt % 11, 0);
            c.cost = Money{1000 + 37 * salt};
            c.finishReason = salt % 9 == 0 ? "length" : salt % 13 == 0 ? "content_filter" : "stop";
            c.cacheHit = salt % 6 == 0;
            if (salt % 17 == 0 && attempt == 1) { // sent, no answer: may be billed, cost unknown
                c.status = CallStatus::Error, c.error = "timeout", c.maybeBilled = true, c.cost.reset();
                c.usage = {};
                c.finishReason.clear();
            }
            c.latencyMs = 10 + salt % 23;
            c.responseHash = putText(db(), "The answer is a. " + std::to_string(salt)).value();
            if (!insertCall(db(), c)) qFatal("insertCall failed");
            total = total && c.cost ? std::optional(*total + *c.cost) : std::nullopt;
            latency += *c.latencyMs;
            ++calls;
            return c.status == CallStatus::Ok;
        };
        if (!add("0", "", CallRole::Answer, 1)) add("0", "", CallRole::Answer, 2);
        if (strategy == "cascade") {
            add("0.s", "0", CallRole::Judge, 1);
            if (salt % 3 == 0) add("1", "0", CallRole::Answer, 1);
        }
        Outcome o;
        o.runId = runId, o.itemId = item, o.strategy = strategy, o.answer = "The answer is a.";
        o.grade = (salt % 4 != 0) ? 1.0 : 0.0;
        o.cost = total, o.latencyMs = latency, o.callCount = calls;
        o.status = i == kItems - 1 && strategy == "cascade" ? OutcomeStatus::Incomplete : OutcomeStatus::Complete;
        if (o.status == OutcomeStatus::Incomplete) o.grade.reset();
        QVERIFY(insertOutcome(db(), o));
    }
};

/// A run of one strategy over `items` items whose every job made `callsPerJob` calls (retries of
/// one answer): the same outcomes whatever the number of calls.
struct RetriedRun {
    QTemporaryDir dir;
    std::optional<Workspace> ws;
    int64_t runId = 0;

    RetriedRun(int items, int callsPerJob) {
        ws.emplace(Workspace::open(dir.filePath("w.db").toStdString()).value());
        TaskSet tasks;
        for (int i = 0; i < items; ++i) {
            TaskItem item;
            item.id = "q" + std::to_string(i), item.category = "c";
            item.messages = {{"user", "question " + std::to_string(i)}}, item.references = {"a"};
            tasks.items.push_back(item);
        }
        saveTaskSet(db(), tasks, "t", 1).value();
        Run run;
        run.taskSetHash = tasks.contentHash();
        run.poolSnapshot = {{"name", "p"}, {"models", {{{"name", "m"}, {"provider", "openai"}, {"model", "m"}}}}};
        run.strategies = {"m"};
        run.settings = {{"baselines", true}};
        run.status = RunStatus::Completed;
        runId = insertRun(db(), run).value();
        const std::string request = putText(db(), "request").value(), response = putText(db(), "a").value();
        for (int i = 0; i < items; ++i) {
            for (int k = 1; k <= callsPerJob; ++k) {
                Call c;
                c.runId = runId, c.itemId = "q" + std::to_string(i), c.strategy = "m", c.nodeId = "0";
                c.role = CallRole::Answer, c.model = "m", c.attempt = k, c.requestHash = request;
                c.responseHash = response, c.status = k == callsPerJob ? CallStatus::Ok : CallStatus::Error;
                c.cost = Money{1000}, c.latencyMs = 10;
                if (!insertCall(db(), c)) qFatal("insertCall failed");
            }
            Outcome o;
            o.runId = runId, o.itemId = "q" + std::to_string(i), o.strategy = "m", o.answer = "a";
            o.grade = i % 2, o.cost = Money{1000 * callsPerJob}, o.latencyMs = 10.0 * callsPerJob;
            o.callCount = callsPerJob, o.status = OutcomeStatus::Complete;
            QVERIFY(insertOutcome(db(), o));
        }
    }
    SqliteDb& db() { return *ws->writer(); }
};

/// SQLite virtual-machine instructions run while `work` runs on `db` (in thousands): the work a
/// query does, counted the same on a loaded machine as on an idle one.
template <class Work> int64_t vmThousands(SqliteDb& db, Work&& work) {
    int64_t count = 0;
    sqlite3_progress_handler(
        db.handle(), 1000, [](void* n) { return ++*static_cast<int64_t*>(n), 0; }, &count);
    work();
    sqlite3_progress_handler(db.handle(), 0, nullptr, nullptr);
    return count;
}

} // namespace

class TestReportStore : public QObject {
    Q_OBJECT
private slots:
    void callGroupsInSqlEqualTheCallsFolded() {
        MixedRun r;
        auto calls = loadCalls(r.db(), r.runId).value();
        auto groups = loadCallGroups(r.db(), r.runId).value();
        QCOMPARE(groups, groupCalls(calls));
        int64_t counted = 0, unknown = 0;
        for (const auto& g : groups)
            counted += g.calls, unknown += g.costKnown ? 0 : g.calls;
        QCOMPARE(counted, int64_t(calls.size()));
        QVERIFY(unknown > 0); // the run has unknown costs, kept apart from the known ones
        QVERIFY(loadCallGroups(r.db(), r.runId + 1).value().empty());
    }

    void reportFromTheWorkspaceEqualsTheReportFromEveryRecord() {
        MixedRun r;
        auto run = loadRun(r.db(), r.runId).value();
        auto whole = buildReport(r.runId, loadOutcomes(r.db(), r.runId).value(), loadCalls(r.db(), r.runId).value(),
                                 loadTaskSet(r.db(), run.taskSetHash).value(), {"cheap", "strong"}, run.seed);
        auto read = loadRunReport(r.db(), r.runId).value();
        QCOMPARE(toJson(read).dump(1), toJson(whole).dump(1));
        QCOMPARE(toText(read), toText(whole));
        // The figures the folding must keep: unknown, cached, truncated and refused calls.
        const StrategyMetrics* cascade = nullptr;
        for (const auto& m : read.strategies)
            if (m.name == "cascade") cascade = &m;
        QVERIFY(cascade && cascade->unknownCostCalls > 0 && cascade->cachedCalls > 0 && cascade->truncatedCalls > 0);
        QVERIFY(!cascade->totalCost && cascade->spendByRole.count("judge"));
    }

    void reportWorkDoesNotGrowWithCalls() {
        // 300 jobs of 1 call and 300 jobs of 40 calls: the same outcomes, 40 times the calls. Folding
        // the calls when the report is asked for (the old GROUP BY over `calls`) ran 31x the
        // instructions; the totals kept as calls are logged make both reports the same work.
        RetriedRun few(300, 1), many(300, 40);
        QCOMPARE(loadRunReport(many.db(), many.runId).value().strategies.at(0).callsPerItem, 40.0);
        const int64_t a = vmThousands(few.db(), [&] { QVERIFY(loadRunReport(few.db(), few.runId)); });
        const int64_t b = vmThousands(many.db(), [&] { QVERIFY(loadRunReport(many.db(), many.runId)); });
        QVERIFY2(b < a * 3 / 2, (std::to_string(a) + "k instructions for 300 calls, " + std::to_string(b) +
                                 "k for 12,000").c_str());
        const int64_t h = vmThousands(many.db(), [&] { QVERIFY(loadRunTotals(many.db())); });
        QVERIFY2(h < 5, (std::to_string(h) + "k instructions for the run history of 12,000 calls").c_str());
        QCOMPARE(loadRunTotals(many.db()).value().at(many.runId).calls, int64_t(12000));
    }

    void totalsOfAnOlderWorkspaceAreFilledWhenItIsMigrated() {
        MixedRun r;
        auto want = groupCalls(loadCalls(r.db(), r.runId).value());
        auto totals = loadRunTotals(r.db()).value().at(r.runId);
        // As a workspace of schema 10 was: no totals table, no trigger.
        QVERIFY(r.db().exec("PRAGMA foreign_keys = OFF") && r.db().exec(baton::test::kUndoSchemas13And14));
        QVERIFY(r.db().exec("DROP TRIGGER calls_into_call_totals; DROP TABLE call_totals; PRAGMA user_version = 10"));
        const std::string path = r.db().path();
        r.ws.reset();
        r.ws.emplace(Workspace::open(path).value());
        QCOMPARE(r.db().queryInt("PRAGMA user_version").value(), int64_t(latestSchemaVersion()));
        QCOMPARE(loadCallGroups(r.db(), r.runId).value(), want);
        auto again = loadRunTotals(r.db()).value().at(r.runId);
        QCOMPARE(again.calls, totals.calls);
        QCOMPARE(again.spent, totals.spent);
        QCOMPARE(again.unknownCostCalls, totals.unknownCostCalls);
        QCOMPARE(again.cachedCalls, totals.cachedCalls);
        QVERIFY(totals.unknownCostCalls > 0 && totals.cachedCalls > 0);
    }

    void callCostsAreTheCallsCostFields() {
        MixedRun r;
        // Another run's calls logged between the run's last ones: read within the run's ids' range.
        const int64_t otherId = insertRun(r.db(), loadRun(r.db(), r.runId).value()).value();
        for (int i = 0; i < 6; ++i)
            for (int64_t run : {otherId, r.runId}) {
                Call c;
                c.runId = run, c.itemId = "q" + std::to_string(i), c.strategy = "late", c.nodeId = "0";
                c.role = CallRole::Answer, c.model = "cheap", c.attempt = 1, c.status = CallStatus::Ok;
                c.requestHash = putText(r.db(), "late request " + std::to_string(i)).value();
                c.responseHash = putText(r.db(), "late answer " + std::to_string(i)).value();
                if (i % 2) c.cost = Money{int64_t(i) * 1000};
                QVERIFY(insertCall(r.db(), c));
            }
        auto callCosts = [&r](int64_t run) {
            std::vector<Call> read;
            forEachCallCost(r.db(), run, [&read](const Call& c) { read.push_back(c); }).value();
            return read;
        };
        QCOMPARE(callCosts(otherId).size(), size_t(6));
        QVERIFY(callCosts(otherId + 1).empty());
        // One strategy's calls only (a borrowed baseline's, read in its run; review of s11-i14, item 4).
        std::vector<Call> late;
        forEachCallCost(
            r.db(), r.runId, [&late](const Call& c) { late.push_back(c); }, {}, "late")
            .value();
        QCOMPARE(late.size(), size_t(6));
        QVERIFY(callCosts(r.runId).size() > late.size()); // the run has other strategies' calls
        QVERIFY(std::ranges::all_of(late, [](const Call& c) { return c.strategy == "late"; }));
        std::vector<Call> absent;
        forEachCallCost(
            r.db(), r.runId, [&absent](const Call& c) { absent.push_back(c); }, {}, "absent")
            .value();
        QVERIFY(absent.empty());
        auto calls = loadCalls(r.db(), r.runId).value(), costs = callCosts(r.runId);
        QCOMPARE(costs.size(), calls.size());
        for (size_t i = 0; i < calls.size(); ++i) {
            Call want;
            want.runId = calls[i].runId, want.itemId = calls[i].itemId, want.strategy = calls[i].strategy;
            want.role = calls[i].role, want.status = calls[i].status, want.cost = calls[i].cost;
            want.cacheHit = calls[i].cacheHit;
            QVERIFY2(costs[i] == want, calls[i].itemId.c_str());
        }
    }

    // The cost charts' figures folded as the calls are read equal those folded from every call
    // loaded whole (a 1M-call run is never held as Call records).
    void runCostsFoldedAsReadEqualTheCallsFolded() {
        MixedRun r;
        Run run = loadRun(r.db(), r.runId).value();
        RunCosts folded = loadRunCosts(r.db(), run).value();
        const auto calls = loadCalls(r.db(), r.runId).value();
        RunCallCosts want = callCostHistograms(calls);
        QCOMPARE(folded.callCosts.edges, want.edges);
        QVERIFY(want.bins() > 0);
        auto same = [](const CallCostHistogram& a, const CallCostHistogram& b) {
            return a.byRole == b.byRole && a.paidCalls == b.paidCalls && a.unknownCalls == b.unknownCalls &&
                   a.cachedCalls == b.cachedCalls && a.freeCalls == b.freeCalls && a.paid == b.paid;
        };
        QVERIFY(same(folded.callCosts.all, want.all));
        QCOMPARE(folded.callCosts.byStrategy.size(), want.byStrategy.size());
        for (const auto& [strategy, h] : want.byStrategy)
            QVERIFY2(same(folded.callCosts.byStrategy.at(strategy), h), strategy.c_str());
        QVERIFY(want.all.unknownCalls > 0 && want.all.cachedCalls > 0);
        auto items = costByItemAndRole(calls);
        QCOMPARE(folded.itemCosts.size(), items.size());
        for (const auto& [strategy, list] : items) {
            const auto& got = folded.itemCosts.at(strategy);
            QCOMPARE(got.size(), list.size());
            for (size_t i = 0; i < list.size(); ++i) {
                QCOMPARE(got[i].itemId, list[i].itemId);
                QVERIFY(got[i].byRole == list[i].byRole && got[i].total == list[i].total);
                QCOMPARE(got[i].unknownCostCalls, list[i].unknownCostCalls);
                if (i > 0) // most expensive first, ties by item id
                    QVERIFY(got[i - 1].total.pico > got[i].total.pico ||
                            (got[i - 1].total.pico == got[i].total.pico && got[i - 1].itemId < got[i].itemId));
            }
        }
    }

    void outcomesWithoutAnswersAreTheSameRows() {
        MixedRun r;
        auto with = loadOutcomes(r.db(), r.runId).value(), without = loadOutcomes(r.db(), r.runId, false).value();
        QCOMPARE(without.size(), with.size());
        for (size_t i = 0; i < with.size(); ++i) {
            QVERIFY(without[i].answer.empty());
            with[i].answer.clear();
            QVERIFY(with[i] == without[i]);
        }
    }

    // loadOutcomes reads a run's rows within its rowids' range and orders them itself: the same
    // rows, in the primary key's order (strategy, then item, as bytes), when other runs' rows lie
    // between them and one strategy's items come in another order.
    void outcomesAreTheRunsOwnInTheKeysOrder() {
        MixedRun r;
        Run other = loadRun(r.db(), r.runId).value();
        const int64_t otherId = insertRun(r.db(), other).value();
        for (int i = kItems - 1; i >= 0; i -= 2) // interleaved with another run's, items backwards, some missing
            for (int64_t run : {otherId, r.runId}) {
                Outcome o;
                o.runId = run, o.itemId = "q" + std::to_string(i), o.strategy = "late", o.answer = "late " + o.itemId;
                o.grade = i % 3 == 0 ? 1.0 : 0.0, o.latencyMs = double(i), o.callCount = 1;
                if (i % 4) o.cost = Money{int64_t(i) * 100};
                o.status = i % 5 == 0 ? OutcomeStatus::Failed : OutcomeStatus::Complete;
                QVERIFY(insertOutcome(r.db(), o));
            }
        for (int64_t run : {r.runId, otherId}) {
            auto stmt =
                r.db().prepare("SELECT strategy, item_id FROM outcomes WHERE run_id = ? ORDER BY strategy, item_id");
            QVERIFY(stmt);
            stmt->bind(1, run);
            std::vector<std::pair<std::string, std::string>> keys;
            while (stmt->step().value())
                keys.emplace_back(stmt->columnText(0), stmt->columnText(1));
            for (bool answers : {true, false}) {
                auto read = loadOutcomes(r.db(), run, answers).value();
                QCOMPARE(read.size(), keys.size());
                for (size_t i = 0; i < keys.size(); ++i) {
                    QCOMPARE(read[i].strategy, keys[i].first);
                    QCOMPARE(read[i].itemId, keys[i].second);
                    Outcome one = loadOutcome(r.db(), run, keys[i].first, keys[i].second).value().value();
                    if (!answers) one.answer.clear();
                    QVERIFY(read[i] == one);
                }
            }
        }
        QCOMPARE(loadOutcomes(r.db(), otherId).value().size(), size_t((kItems + 1) / 2));
        QVERIFY(loadOutcomes(r.db(), otherId + 1).value().empty());
    }

    // What the Inspector lists of one strategy is what the report reads of it: the strategies in
    // the key's order, one strategy's rows by item (also interleaved with another run's).
    void oneStrategysGradesAreTheRunsOwn() {
        MixedRun r;
        Run other = loadRun(r.db(), r.runId).value();
        const int64_t otherId = insertRun(r.db(), other).value();
        for (int i = 0; i < kItems; i += 3)
            for (int64_t run : {otherId, r.runId}) {
                Outcome o;
                o.runId = run, o.itemId = "q" + std::to_string(i), o.strategy = "b-late", o.answer = "x";
                o.grade = 0.5, o.callCount = 1, o.status = OutcomeStatus::Incomplete;
                QVERIFY(insertOutcome(r.db(), o));
            }
        const auto all = loadOutcomes(r.db(), r.runId, false).value();
        std::vector<std::string> names;
        for (const auto& o : all)
            if (names.empty() || names.back() != o.strategy) names.push_back(o.strategy);
        QCOMPARE(loadOutcomeStrategies(r.db(), r.runId).value(), names);
        QCOMPARE(names, (std::vector<std::string>{"b-late", "cascade", "cheap", "strong"}));
        for (const auto& name : names) {
            auto one = loadStrategyOutcomes(r.db(), r.runId, name).value();
            std::vector<Outcome> want;
            std::ranges::copy_if(all, std::back_inserter(want), [&](const Outcome& o) { return o.strategy == name; });
            QCOMPARE(one.size(), want.size());
            for (size_t i = 0; i < want.size(); ++i)
                QVERIFY2(one[i] == want[i], want[i].itemId.c_str());
        }
        QVERIFY(loadOutcomeStrategies(r.db(), otherId + 1).value().empty());
        QVERIFY(loadStrategyOutcomes(r.db(), r.runId, "none").value().empty());
    }

    // A superseded open stops its report: the read returns "stopped", the build leaves the rest.
    void aStoppedReportEndsEarly() {
        MixedRun r;
        Run run = loadRun(r.db(), r.runId).value();
        std::stop_source stop;
        stop.request_stop();
        auto stopped = loadRunReportInputs(r.db(), run, stop.get_token());
        QVERIFY(!stopped);
        QCOMPARE(stopped.error().message, std::string("stopped"));
        auto inputs = loadRunReportInputs(r.db(), run).value();
        RunReport whole = buildReport(run, inputs);
        QVERIFY(whole.strategies.size() == 3 && !whole.comparisons.empty() && !whole.categories.empty());
        RunReport cut = buildReport(run, inputs, stop.get_token());
        QVERIFY(cut.strategies.empty() && cut.comparisons.empty() && cut.categories.empty());
        QCOMPARE(whole.strategyNames(), (std::vector<std::string>{"cascade", "cheap", "strong"}));
    }

    void aScatteredRunIsReadThroughItsIndex() {
        MixedRun r;
        Run copy = loadRun(r.db(), r.runId).value();
        const int64_t resumed = insertRun(r.db(), copy).value(), between = insertRun(r.db(), copy).value();
        auto outcome = [](int64_t run, int i) {
            Outcome o;
            o.runId = run, o.itemId = "q" + std::to_string(i), o.strategy = "s", o.answer = "a";
            o.grade = 1.0, o.callCount = 1, o.status = OutcomeStatus::Complete;
            return o;
        };
        QVERIFY(insertOutcome(r.db(), outcome(resumed, 1)));
        for (int i = 0; i < 50; ++i)
            QVERIFY(insertOutcome(r.db(), outcome(between, i)));
        QVERIFY(insertOutcome(r.db(), outcome(resumed, 0))); // resumed after another run was logged
        RunRows rows = findRunRows(r.db(), "outcomes", "rowid", resumed).value();
        QCOMPARE(rows.count, int64_t(2));
        QVERIFY(!rows.together()); // a pass over its range would read 52 rows for 2
        QCOMPARE(rows.table("outcomes", "o"), std::string("outcomes o"));
        QVERIFY(findRunRows(r.db(), "outcomes", "rowid", between).value().together());
        QVERIFY(findRunRows(r.db(), "outcomes", "rowid", r.runId).value().together());
        auto read = loadOutcomes(r.db(), resumed).value();
        QCOMPARE(read.size(), size_t(2));
        QCOMPARE(read[0].itemId, std::string("q0")); // the key's order, whichever way it was read
        QCOMPARE(read[1].itemId, std::string("q1"));
        QCOMPARE(loadOutcomes(r.db(), between).value().size(), size_t(50));
    }

    void itemCategoriesAreTheSetsOwn() {
        MixedRun r;
        auto categories = loadItemCategories(r.db(), r.tasks.contentHash()).value();
        QCOMPARE(categories.size(), size_t(kItems));
        for (const auto& item : r.tasks.items)
            QCOMPARE(categories.at(item.id), item.category);
        QVERIFY(!loadItemCategories(r.db(), "no-such-set"));
    }

    void oneItemAndItsOutcomesAreReadAlone() {
        MixedRun r;
        for (size_t i : {size_t(0), size_t(kItems / 2), size_t(kItems - 1)})
            QCOMPARE(loadTaskItem(r.db(), r.tasks.contentHash(), r.tasks.items[i].id).value(), r.tasks.items[i]);
        QVERIFY(!loadTaskItem(r.db(), r.tasks.contentHash(), "no-such-item").value());
        QVERIFY(!loadTaskItem(r.db(), "no-such-set", r.tasks.items[0].id));
        auto all = loadOutcomes(r.db(), r.runId).value();
        for (const auto& o : all)
            if (o.itemId == "q7") QCOMPARE(loadOutcome(r.db(), r.runId, o.strategy, "q7").value(), o);
        QVERIFY(!loadOutcome(r.db(), r.runId, "cheap", "no-such-item").value());
    }
};

QTEST_GUILESS_MAIN(TestReportStore)
#include "tst_report_store.moc"
