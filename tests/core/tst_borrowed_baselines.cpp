// SPDX-License-Identifier: MIT
// A run made with --no-baselines is compared with the workspace's latest baselines of the same
// models (by wire identity) on the same task set, each named after the run it comes from.

#include "core_printers.h"
#include "eval/run_history.h"
#include "eval/run_report.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/task_set_store.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace baton::core;

namespace {

constexpr int kItems = 12;

nlohmann::json model(const std::string& name, const std::string& remote, nlohmann::json extra = {}) {
    nlohmann::json m = {
        {"name", name}, {"provider", "openai"}, {"model", remote}, {"base_url", "http://127.0.0.1:9/v1"}};
    if (extra.is_object()) m.update(extra);
    return m;
}

TaskSet taskSet(const std::string& name) {
    TaskSet set;
    set.name = name;
    for (int i = 0; i < kItems; ++i)
        set.items.push_back(
            {name + std::to_string(i), "c", {{"user", name + " q" + std::to_string(i)}}, {"a"}, std::nullopt});
    return set;
}

/// A workspace with runs written as the engine writes them: a run, and per strategy one outcome
/// and one call of cost `centsOf(strategy)` per item, graded by `rightOn(item)`.
struct Workspace4 {
    QTemporaryDir dir;
    std::optional<Workspace> ws;
    TaskSet main = taskSet("t"), other = taskSet("u");

    Workspace4() {
        ws.emplace(Workspace::open(dir.filePath("w.db").toStdString()).value());
        saveTaskSet(db(), main, "t", 1).value();
        saveTaskSet(db(), other, "u", 1).value();
    }
    SqliteDb& db() { return *ws->writer(); }

    int64_t addRun(const TaskSet& set, std::initializer_list<nlohmann::json> models, bool baselines,
                   const std::vector<std::string>& strategies) {
        Run run;
        run.taskSetHash = set.contentHash();
        run.poolSnapshot = {{"name", "p"}, {"models", nlohmann::json::array()}};
        for (const auto& m : models)
            run.poolSnapshot["models"].push_back(m);
        run.strategies = strategies;
        run.settings = {{"baselines", baselines}};
        run.status = RunStatus::Completed;
        return insertRun(db(), run).value();
    }

    void addResults(int64_t runId, const TaskSet& set, const std::string& strategy, int64_t pico,
                    const std::function<bool(int)>& rightOn, OutcomeStatus status = OutcomeStatus::Complete) {
        for (int i = 0; i < kItems; ++i) {
            const auto& item = set.items[size_t(i)];
            Outcome o;
            o.runId = runId, o.itemId = item.id, o.strategy = strategy, o.answer = rightOn(i) ? "a" : "b";
            if (status != OutcomeStatus::Incomplete) o.grade = rightOn(i) ? 1.0 : 0.0;
            o.cost = Money{pico};
            o.latencyMs = 100;
            o.callCount = 1;
            o.status = status;
            QVERIFY(insertOutcome(db(), o));
            Call c;
            c.runId = runId, c.itemId = item.id, c.strategy = strategy, c.nodeId = "0", c.model = strategy;
            c.status = CallStatus::Ok, c.cost = Money{pico};
            QVERIFY(insertCall(db(), c));
        }
    }
};

bool rightEven(int i) {
    return i % 2 == 0;
}
bool rightBelow9(int i) {
    return i < 9;
}
bool rightBelow3(int i) {
    return i < 3;
}
bool rightAll(int) {
    return true;
}

const Comparison* comparison(const RunReport& r, const std::string& strategy, const std::string& against) {
    for (const auto& c : r.comparisons)
        if (c.strategy == strategy && c.against == against) return &c;
    return nullptr;
}

const StrategyMetrics* metrics(const RunReport& r, const std::string& name) {
    for (const auto& m : r.strategies)
        if (m.name == name) return &m;
    return nullptr;
}

} // namespace

class TestBorrowedBaselines : public QObject {
    Q_OBJECT
private slots:
    void aRunWithoutBaselinesIsComparedWithTheLatestOnesOfTheSameModels() {
        Workspace4 w;
        // Run 1: both models' baselines on the task set.
        int64_t r1 = w.addRun(w.main, {model("cheap", "m-small"), model("big", "m-large")}, true, {});
        w.addResults(r1, w.main, "cheap", 1'000, rightBelow3);
        w.addResults(r1, w.main, "big", 9'000, rightEven);
        // Run 2, newer: "big" again under another name (same wire identity), "cheap" with another
        // temperature (not the same model).
        int64_t r2 = w.addRun(
            w.main, {model("cheap", "m-small", {{"params", {{"temperature", 1.0}}}}), model("large", "m-large")}, true,
            {});
        w.addResults(r2, w.main, "cheap", 2'000, rightAll);
        w.addResults(r2, w.main, "large", 8'000, rightBelow9);
        // Run 3, newer still: the same models on another task set.
        int64_t r3 = w.addRun(w.other, {model("cheap", "m-small"), model("big", "m-large")}, true, {});
        w.addResults(r3, w.other, "cheap", 3'000, rightAll);
        w.addResults(r3, w.other, "big", 3'000, rightAll);
        // Run 4: the router, without baselines; its pool names a key and a price the others did not.
        int64_t r4 = w.addRun(
            w.main, {model("cheap", "m-small", {{"key_ref", "env:K"}, {"price", "x"}}), model("big", "m-large")}, false,
            {"router"});
        w.addResults(r4, w.main, "router", 4'000, rightAll);
        // Run 5, newest: "big" with baselines on, but stopped before any item was graded.
        int64_t r5 = w.addRun(w.main, {model("big", "m-large")}, true, {});
        w.addResults(r5, w.main, "big", 0, rightAll, OutcomeStatus::Incomplete);

        auto report = loadRunReport(w.db(), r4);
        QVERIFY2(report, report ? "" : report.error().describe().c_str());
        QCOMPARE(report->borrowedBaselines.size(), size_t(2));
        QCOMPARE(report->borrowedBaselines[0].model, std::string("cheap"));
        QCOMPARE(report->borrowedBaselines[0].fromRun, r1);
        QCOMPARE(report->borrowedBaselines[1].model, std::string("big"));
        QCOMPARE(report->borrowedBaselines[1].fromRun, r2);
        const std::string cheap = "cheap (run " + std::to_string(r1) + ")";
        const std::string big = "big (run " + std::to_string(r2) + ")";
        QCOMPARE(report->borrowedBaselines[1].label, big);

        // The borrowed baselines' own figures, as their runs recorded them.
        const StrategyMetrics* bigMetrics = metrics(*report, big);
        QVERIFY(bigMetrics && bigMetrics->baseline);
        QCOMPARE(bigMetrics->accuracy, 9.0 / kItems);
        QCOMPARE(bigMetrics->totalCost->pico, int64_t(8'000 * kItems));
        QVERIFY(metrics(*report, cheap) && metrics(*report, cheap)->accuracy == 3.0 / kItems);
        QCOMPARE(report->bestSingle, big);

        // The router against each: Δ and W/T/L on the same items.
        const Comparison* vsBig = comparison(*report, "router", big);
        QVERIFY(vsBig);
        QCOMPARE(vsBig->pairedItems, int64_t(kItems));
        QCOMPARE(vsBig->delta.delta, 3.0 / kItems);
        QCOMPARE(vsBig->wins, int64_t(3));
        QCOMPARE(vsBig->losses, int64_t(0));
        const Comparison* vsCheap = comparison(*report, "router", cheap);
        QVERIFY(vsCheap);
        QCOMPARE(vsCheap->wins, int64_t(kItems - 3));

        // Said in every form of the report.
        const std::string text = toText(*report);
        QVERIFY2(text.find("made without baselines") != std::string::npos, text.c_str());
        QVERIFY(text.find(big) != std::string::npos && text.find(cheap) != std::string::npos);
        const auto json = toJson(*report);
        QCOMPARE(json["borrowed_baselines"].size(), size_t(2));
        QCOMPARE(json["borrowed_baselines"][1]["from_run"].get<int64_t>(), r2);
        QVERIFY(toCsv(*report).find(big) != std::string::npos);

        // The workbench reads the same (RunDetails): baselines named, their outcomes there.
        auto details = loadRunDetails(w.db(), r4);
        QVERIFY2(details, details ? "" : details.error().describe().c_str());
        QCOMPARE(details->baselines, (std::vector<std::string>{cheap, big}));
        QVERIFY(comparison(details->report, "router", big));
        auto costs = loadRunCosts(w.db(), details->run);
        QVERIFY2(costs, costs ? "" : costs.error().describe().c_str());
        QCOMPARE(costs->itemCosts[big].size(), size_t(kItems));
        QCOMPARE(costs->callCosts.all.calls(), int64_t(kItems)); // the run's own calls only: the router's
        QCOMPARE(costs->callCosts.all.paid.pico, int64_t(4'000 * kItems));

        // The Inspector reads a borrowed baseline's calls of an item from the run they were made in.
        const std::string item0 = w.main.items[0].id;
        auto bigCalls = loadItemCalls(w.db(), r4, report->borrowedBaselines, big, item0).value();
        QCOMPARE(bigCalls.size(), size_t(1));
        QCOMPARE(bigCalls[0].runId, r2);
        QCOMPARE(bigCalls[0].strategy, big);
        QCOMPARE(bigCalls[0].cost->pico, int64_t(8'000));
        QCOMPARE(loadItemCalls(w.db(), r4, report->borrowedBaselines, "router", item0).value().size(), size_t(1));
        // And its outcome of that item, answer included, named with its label; the run's own as they are.
        auto item0Outcomes = loadItemOutcomes(w.db(), r4, report->borrowedBaselines, {"router", big, "absent"}, item0);
        QCOMPARE(item0Outcomes.value().size(), size_t(2));
        QCOMPARE(item0Outcomes->at(0).strategy, std::string("router"));
        QCOMPARE(item0Outcomes->at(0).runId, r4);
        QCOMPARE(item0Outcomes->at(1).strategy, big);
        QCOMPARE(item0Outcomes->at(1).runId, r2);
        QVERIFY(!item0Outcomes->at(1).answer.empty());

        // The workbench opens the run from one strategy's grades (loadRunOpening): its strategies in
        // the report's order, the borrowed baselines named, the router's grades listed first; a
        // borrowed baseline's grades are read from its run under its label (loadStrategyGrades).
        auto opening = loadRunOpening(w.db(), r4);
        QVERIFY2(opening, opening ? "" : opening.error().describe().c_str());
        QCOMPARE(opening->strategies, report->strategyNames());
        QCOMPARE(opening->baselines, (std::vector<std::string>{cheap, big}));
        QCOMPARE(opening->borrowed.size(), report->borrowedBaselines.size());
        QCOMPARE(opening->firstStrategy, std::string("router"));
        QCOMPARE(opening->firstGrades.size(), size_t(kItems));
        QCOMPARE(opening->categoryOf.size(), size_t(kItems));
        auto inputs = loadRunReportInputs(w.db(), details->run).value();
        for (const std::string& name : {std::string("router"), big}) {
            auto grades = loadStrategyGrades(w.db(), r4, opening->borrowed, {name}).value();
            std::vector<Outcome> want;
            std::ranges::copy_if(inputs.outcomes, std::back_inserter(want),
                                 [&](const Outcome& o) { return o.strategy == name; });
            QCOMPARE(grades.size(), want.size());
            for (size_t i = 0; i < want.size(); ++i)
                QVERIFY2(grades[i] == want[i], want[i].itemId.c_str());
        }
        QCOMPARE(opening->firstGrades.front(), loadStrategyGrades(w.db(), r4, {}, {"router"}).value().front());
        // A stop requested (a newer choice in the Inspector) ends the read with "stopped", not
        // with an empty list taken for "no grades" (review of s11-i14, item 7).
        std::stop_source stopped;
        stopped.request_stop();
        auto none = loadStrategyGrades(w.db(), r4, opening->borrowed, {"router", big}, stopped.get_token());
        QVERIFY(!none);
        QCOMPARE(none.error().message, std::string("stopped"));

        // A run with its own baselines borrows nothing.
        auto own = loadRunReport(w.db(), r1).value();
        QVERIFY(own.borrowedBaselines.empty());
        QVERIFY(!metrics(own, big));
    }

    void noMatchingRunMeansNoBaselines() {
        Workspace4 w;
        int64_t r1 = w.addRun(w.main, {model("big", "m-large", {{"base_url", "http://other:9/v1"}})}, true, {});
        w.addResults(r1, w.main, "big", 9'000, rightEven);
        int64_t r2 = w.addRun(w.main, {model("big", "m-large")}, false, {"router"});
        w.addResults(r2, w.main, "router", 4'000, rightAll);
        auto report = loadRunReport(w.db(), r2).value();
        QVERIFY(report.borrowedBaselines.empty());
        QVERIFY(report.comparisons.empty());
        QVERIFY(toText(report).find("made without baselines") == std::string::npos);
    }

    // Runs written by another version or imported from a bundle may hold anything: skipped, never
    // a throw (before: nlohmann::json's type_error out of every report of a --no-baselines run).
    void oddRunsAreSkipped() {
        Workspace4 w;
        int64_t good = w.addRun(w.main, {model("big", "m-large")}, true, {});
        w.addResults(good, w.main, "big", 9'000, rightEven);
        for (nlohmann::json snapshot : {nlohmann::json("text"), nlohmann::json{{"models", "oops"}},
                                        nlohmann::json{{"models", {7, {{"name", 7}, {"model", "m-large"}}}}}}) {
            Run odd;
            odd.taskSetHash = w.main.contentHash();
            odd.poolSnapshot = snapshot;
            odd.settings = {{"baselines", "yes"}};
            QVERIFY(insertRun(w.db(), odd));
        }
        int64_t without = w.addRun(w.main, {model("big", "m-large")}, false, {"router"});
        w.addResults(without, w.main, "router", 4'000, rightAll);
        auto report = loadRunReport(w.db(), without);
        QVERIFY2(report, report ? "" : report.error().describe().c_str());
        QCOMPARE(report->borrowedBaselines.size(), size_t(1));
        QCOMPARE(report->borrowedBaselines[0].fromRun, good);
    }

    // The run list reads such a record too (before: type_error out of the Runs page's listing for
    // "baselines": "yes"). RunSettings::fromJson stays strict: a resume must not run with a cap it
    // could not read.
    void theRunListReadsOddRecords() {
        Workspace4 w;
        Run odd;
        odd.taskSetHash = w.main.contentHash();
        odd.poolSnapshot = {{"name", 7}};
        odd.settings = {{"baselines", "yes"},
                        {"seed", "x"},
                        {"timeouts_ms", {"a", 1, 2, 3}},
                        {"max_calls", 40},
                        {"strategies", {"one", 2}}};
        int64_t id = insertRun(w.db(), odd).value();
        auto listing = loadRunHistory(w.db());
        QVERIFY2(listing, listing ? "" : listing.error().describe().c_str());
        QCOMPARE(listing->size(), size_t(1));
        QCOMPARE(listing->front().id, id);
        QVERIFY(listing->front().baselines); // not a bool: on, as when absent
        QCOMPARE(listing->front().pool, std::string());
    }
};

QTEST_GUILESS_MAIN(TestBorrowedBaselines)
#include "tst_borrowed_baselines.moc"
