// SPDX-License-Identifier: MIT
// The report read from the workspace (calls folded in SQL, grades without answer texts, items as
// id -> category) against the report built from every call, outcome and item loaded whole: the
// same figures, on a run with every kind of call a report counts (roles, errors, unknown costs,
// cache hits, truncated and refused answers, retries).

#include "core_printers.h"
#include "eval/run_report.h"
#include "store/call_costs.h"
#include "store/call_groups.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/task_set_store.h"
#include "store/text_store.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

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

    void callCostsAreTheCallsCostFields() {
        MixedRun r;
        auto calls = loadCalls(r.db(), r.runId).value(), costs = loadCallCosts(r.db(), r.runId).value();
        QCOMPARE(costs.size(), calls.size());
        for (size_t i = 0; i < calls.size(); ++i) {
            Call want;
            want.runId = calls[i].runId, want.itemId = calls[i].itemId, want.strategy = calls[i].strategy;
            want.role = calls[i].role, want.status = calls[i].status, want.cost = calls[i].cost;
            want.cacheHit = calls[i].cacheHit;
            QVERIFY2(costs[i] == want, calls[i].itemId.c_str());
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

    void itemCategoriesAreTheSetsOwn() {
        MixedRun r;
        auto categories = loadItemCategories(r.db(), r.tasks.contentHash()).value();
        QCOMPARE(categories.size(), size_t(kItems));
        for (const auto& item : r.tasks.items)
            QCOMPARE(categories.at(item.id), item.category);
        QVERIFY(!loadItemCategories(r.db(), "no-such-set"));
    }
};

QTEST_GUILESS_MAIN(TestReportStore)
#include "tst_report_store.moc"
