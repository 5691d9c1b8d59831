// SPDX-License-Identifier: MIT
// The Inspector's drawings of one item: the routing tree drawn as a graph next to the table
// (node count, edges, fill by role, border by verdict, a click selects the call, export), and
// the reads behind it off the GUI thread, a quick second selection winning over a slow first;
// the whole run's cost per call next to the item's.

#include "call_fixture.h"
#include "eval/routing_tree.h"
#include "inspector_page.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTreeView>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

using namespace baton;
using namespace baton::core;

namespace {

std::vector<Call> cascade() {
    return baton::test::loggedCascade();
}

/// The grades of `strategies` among `outcomes`, by strategy then item (as loadStrategyGrades reads them).
std::vector<Outcome> gradesAmong(const std::vector<Outcome>& outcomes, const std::vector<std::string>& strategies) {
    std::vector<Outcome> out;
    for (const auto& s : strategies)
        for (const auto& o : outcomes)
            if (o.strategy == s) out.push_back(o);
    return out;
}

ui::InspectorData data(double grade) {
    ui::InspectorData d;
    d.runId = 1;
    Outcome o;
    o.runId = 1, o.itemId = "q1", o.strategy = "cascade", o.answer = "B", o.grade = grade;
    d.strategies = {"cascade"};
    d.strategy = "cascade";
    d.grades = {o};
    d.callsFor = [](const std::string& strategy, const std::string& item) {
        std::vector<Call> out;
        for (const auto& c : cascade())
            if (c.strategy == strategy && c.itemId == item) out.push_back(c);
        return out;
    };
    return d;
}

QColor fillOf(QGraphicsPathItem* item) {
    return item->brush().color();
}

} // namespace

class TestInspectorPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("BatonTest");
        QCoreApplication::setApplicationName("tst_inspector_page");
        QSettings().clear();
    }

    void routingTreeDrawnAsGraph_data() {
        QTest::addColumn<double>("grade");
        QTest::addColumn<QString>("finalBorder");
        QTest::newRow("right") << 1.0 << QString::fromStdString(verdictColour(NodeVerdict::FinalRight));
        QTest::newRow("wrong") << 0.0 << QString::fromStdString(verdictColour(NodeVerdict::FinalWrong));
    }
    void routingTreeDrawnAsGraph() {
        QFETCH(double, grade);
        QFETCH(QString, finalBorder);
        ui::InspectorPage page;
        page.resize(1200, 800);
        page.show();
        page.setData(data(grade));
        page.showItem("q1");
        QTRY_VERIFY(page.shownItem() == "q1" && !page.isLoading()); // read off the GUI thread
        ui::RoutingGraphView* view = page.graphView();
        QCOMPARE(page.treeModel().rowCount(), 2); // roots: the first answer and the route call
        int boxes = 0;
        for (size_t i = 0; i < 10; ++i)
            boxes += view->nodeItem(i) != nullptr;
        QCOMPARE(boxes, 4);
        auto edges = view->drawnEdges();
        QCOMPARE(std::set(edges.begin(), edges.end()), (std::set<std::pair<size_t, size_t>>{{0, 1}, {1, 2}}));
        // Fill by role: both answers alike, judge and route each their own.
        QCOMPARE(fillOf(view->nodeItem(0)), QColor(QString::fromStdString(roleColour(CallRole::Answer))));
        QCOMPARE(fillOf(view->nodeItem(2)), fillOf(view->nodeItem(0)));
        QCOMPARE(fillOf(view->nodeItem(1)), QColor(QString::fromStdString(roleColour(CallRole::Judge))));
        QCOMPARE(fillOf(view->nodeItem(3)), QColor(QString::fromStdString(roleColour(CallRole::Route))));
        QVERIFY(fillOf(view->nodeItem(1)) != fillOf(view->nodeItem(0)));
        // Border by verdict: the escalated answer is the final one, the failed route is red.
        QCOMPARE(view->nodeItem(2)->pen().color(), QColor(finalBorder));
        QVERIFY(view->nodeItem(2)->pen().widthF() > view->nodeItem(0)->pen().widthF());
        QCOMPARE(view->nodeItem(3)->pen().color(), QColor(QString::fromStdString(verdictColour(NodeVerdict::Failed))));
        QCOMPARE(view->nodeItem(0)->pen().color(), QColor(QString::fromStdString(verdictColour(NodeVerdict::Ok))));
        // Labelled with the cost (both attempts of node 2), unknown said as such.
        QVERIFY(view->nodeItem(2)->toolTip().contains(QString::fromStdString(formatUsd(Money::fromUsd(0.007)))));
        QVERIFY(view->nodeItem(3)->toolTip().contains("cost unknown"));
        // Child below parent, as Graphviz laid it out.
        QVERIFY(view->nodeItem(1)->boundingRect().top() > view->nodeItem(0)->boundingRect().bottom());
        // A click on a box selects that call in the table and shows it.
        QPoint at = view->mapFromScene(view->nodeItem(3)->boundingRect().center());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        auto* table = page.findChild<QTreeView*>();
        QVERIFY(table);
        QCOMPARE(table->currentIndex().data().toString(), QString("#4 route"));
    }

    void graphExports() {
        ui::InspectorPage page;
        page.setData(data(1.0));
        page.showItem("q1");
        QTRY_VERIFY(page.shownItem() == "q1" && !page.isLoading());
        QTemporaryDir dir;
        QString written, error;
        QVERIFY2(page.exportDrawing(dir.filePath("tree.dot"), &error, &written), qPrintable(error));
        QFile dot(written);
        QVERIFY(dot.open(QIODevice::ReadOnly));
        QByteArray text = dot.readAll();
        QCOMPARE(text, QByteArray::fromStdString(page.graphView()->graph().dot));
        QCOMPARE(text.count("->"), 2);
        QVERIFY(page.exportDrawing(dir.filePath("tree"), &error, &written)); // no suffix: PNG
        QCOMPARE(written, dir.filePath("tree.png"));
        QImage png(written);
        QVERIFY(!png.isNull() && png.width() >= 800);
        QVERIFY(page.exportDrawing(dir.filePath("tree.svg"), &error, &written));
        QFile svg(written);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains(QByteArray::fromStdString(roleColour(CallRole::Judge)).toLower()));
    }

    // Issue 16 (i13): the graph's DOT file is written in place, so a .dot link to the open workspace
    // truncated the database to the drawing. Now refused with the reason, the workspace as it was.
    void aDrawingOntoTheWorkspaceIsRefused() {
        ui::InspectorPage page;
        page.setData(data(1.0));
        page.showItem("q1");
        QTRY_VERIFY(page.shownItem() == "q1" && !page.isLoading());
        QTemporaryDir dir;
        QString workspace = dir.filePath("w.db");
        QFile file(workspace);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("precious");
        file.close();
        QVERIFY(QFile::link(workspace, dir.filePath("tree.dot")));
        page.setWorkspacePath(workspace);
        QString written, error;
        QVERIFY(!page.exportDrawing(dir.filePath("tree.dot"), &error, &written));
        QVERIFY2(error.contains("is the workspace") && error.contains("Nothing was written"), qPrintable(error));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("precious"));
    }

    // Waterfall from known times: A 0..1000 ms (first byte at 200), B 500..1000 (no first
    // byte: not streamed) in parallel with A, C 1500..1800 (first byte at 1600). Cost per call:
    // A $0.001, B $0.003, C unknown.
    void callTimelineAndCostFromKnownTimes() {
        auto timed = [](const char* node, CallRole role, int64_t start, double latency, std::optional<double> ttft,
                        std::optional<double> usd) {
            Call c = baton::test::cascadeCall(node, "", role, CallStatus::Ok, usd);
            c.startedAtMs = 1'700'000'000'000 + start, c.latencyMs = latency, c.ttftMs = ttft;
            c.finishedAtMs = c.startedAtMs + int64_t(latency);
            return c;
        };
        std::vector<Call> calls = {timed("c", CallRole::Answer, 1500, 300, 100, std::nullopt),
                                   timed("a", CallRole::Answer, 0, 1000, 200, 0.001),
                                   timed("b", CallRole::Judge, 500, 500, std::nullopt, 0.003)};
        ui::InspectorData d = data(1.0);
        d.callsFor = [calls](const std::string&, const std::string&) { return calls; };
        ui::InspectorPage page;
        page.setData(std::move(d));
        page.showItem("q1");
        QTRY_VERIFY(page.shownItem() == "q1" && !page.isLoading());
        page.showDrawing(1);
        ui::CallTimelineView* t = page.timelineView();
        QCOMPARE(t->timeline().bars.size(), size_t(3));
        QCOMPARE(t->timeline().maxParallel, 2);
        QRectF a = t->bar(0)->rect(), b = t->bar(1)->rect(), c = t->bar(2)->rect();
        // Rows in order of start, one per call: a, b, c top to bottom.
        QVERIFY(a.top() < b.top() && b.top() < c.top());
        QCOMPARE(a.left(), t->xOf(0));
        QCOMPARE(b.left() - a.left(), a.width() / 2); // b started half-way through a
        QCOMPARE(b.right(), a.right());               // and ended with it: side by side
        QCOMPARE(c.left() - a.left(), a.width() * 1.5);
        QCOMPARE(c.width(), a.width() * 0.3);
        QCOMPARE(t->receiving(0)->rect().left() - a.left(), a.width() * 0.2); // first byte at 200 ms
        QCOMPARE(t->receiving(2)->rect().left() - c.left(), a.width() * 0.1);
        QVERIFY(t->receiving(1)->rect().isEmpty()); // b did not stream
        QCOMPARE(t->bar(0)->brush().color(), QColor(QString::fromStdString(roleColour(CallRole::Answer))).lighter(112));
        QCOMPARE(t->receiving(1)->brush().color(), QColor(QString::fromStdString(roleColour(CallRole::Judge))).darker(115));
        QVERIFY(t->bar(1)->toolTip().contains("parallel with 1 other"));

        ui::CallCostView* cost = page.costView();
        QCOMPARE(cost->rows(), size_t(3));
        QVERIFY(cost->bar(0) && cost->bar(1));
        QCOMPARE(cost->bar(1)->rect().width(), cost->bar(0)->rect().width() * 3);
        QCOMPARE(cost->bar(0)->rect().right(), cost->xOf(0.001));
        QVERIFY(!cost->bar(2)); // unknown is not a bar of $0
        QCOMPARE(cost->valueText(2)->text(), QString("unknown"));
        QCOMPARE(cost->valueText(1)->text(), QString::fromStdString(formatUsd(Money::fromUsd(0.003))));
        QTemporaryDir dir;
        QString written, error;
        QVERIFY2(page.exportDrawing(dir.filePath("timeline.svg"), &error, &written), qPrintable(error));
        QVERIFY(QFileInfo(written).size() > 0);
    }
    // A run's texts are not all in memory: the item shown is read with its calls (its question and
    // references, its outcomes with their answers), off the GUI thread, for that item only.
    void itemTextsAreReadWhenTheItemIsShown() {
        ui::InspectorData d = data(1.0);
        d.grades.front().answer.clear(); // as loadRunOpening gives them: grades without answers
        auto asked = std::make_shared<std::vector<std::string>>();
        d.itemFor = [asked](const std::string& item) {
            asked->push_back("item " + item);
            TaskItem t;
            t.id = item, t.category = "arithmetic", t.messages = {{"user", "What is 6 times 7?"}}, t.references = {"42"};
            return std::optional(t);
        };
        d.outcomesFor = [asked](const std::string& item) {
            asked->push_back("outcomes " + item);
            Outcome o;
            o.runId = 1, o.itemId = item, o.strategy = "cascade", o.answer = "The answer is 42.", o.grade = 1.0;
            return std::vector<Outcome>{o};
        };
        ui::InspectorPage page;
        page.setData(std::move(d)); // shows the first (and only) item of the list
        QTRY_VERIFY(page.shownItem() == "q1" && !page.isLoading());
        QCOMPARE(*asked, (std::vector<std::string>{"item q1", "outcomes q1"}));
        const QString text = page.itemText();
        QVERIFY2(text.contains("What is 6 times 7?") && text.contains("42") && text.contains("The answer is 42."),
                 qPrintable(text));
        QCOMPARE(page.verdict().answer, std::string("The answer is 42."));
    }

    // The whole run's cost per call, next to the item's: the histogram of the strategy chosen in
    // the Inspector, following the choice; a call of unknown cost is counted in the title, never
    // drawn; the chart exports like the other drawings.
    void runCostPerCallFollowsTheStrategy() {
        std::vector<Call> calls = cascade(); // 4 calls of known cost, 1 unknown
        Call baseline = baton::test::cascadeCall("b", "", CallRole::Answer, CallStatus::Ok, 0.002);
        baseline.strategy = "sim/pro";
        calls.push_back(baseline);
        ui::InspectorData d = data(1.0);
        Outcome o = d.grades.front();
        o.strategy = "sim/pro";
        const std::vector<Outcome> all = {d.grades.front(), o};
        d.strategies = {"cascade", "sim/pro"};
        d.gradesOf = [all](const std::vector<std::string>& strategies, std::stop_token) {
            return gradesAmong(all, strategies);
        };
        d.baselines = {"sim/pro"};
        d.callCosts = callCostHistograms(calls);
        ui::InspectorPage page;
        page.setData(std::move(d));
        page.showDrawing(3);
        auto drawnCalls = [&page] {
            double n = 0;
            for (auto* series : page.runCostView()->chart()->series())
                for (QBarSet* set : static_cast<QStackedBarSeries*>(series)->barSets())
                    n += set->sum();
            return n;
        };
        QCOMPARE(drawnCalls(), 4.0); // cascade's paid calls; the page opens on the strategy, not the baseline
        QVERIFY2(page.runCostView()->chart()->title().contains("1 call(s) of unknown cost"),
                 qPrintable(page.runCostView()->chart()->title()));
        QVERIFY(page.runCostView()->chart()->title().contains("cascade"));
        page.setStrategy("sim/pro");
        QCOMPARE(drawnCalls(), 1.0);
        QVERIFY(!page.runCostView()->chart()->title().contains("unknown"));
        QTemporaryDir dir;
        QString written, error;
        QVERIFY2(page.exportDrawing(dir.filePath("run-cost.svg"), &error, &written), qPrintable(error));
        QVERIFY(QFile(written).size() > 0);
    }
    // A 1M-call run's 660k grades are never all read to list one strategy's items (issue 14): the
    // page lists the strategy it opens on from the grades read with the run, reads another
    // strategy's when it is chosen and the baselines' when "wrong while some baseline was right"
    // is ticked, each once and off the GUI thread; category and status filter what it holds.
    void gradesAreReadWhenAFilterNeedsThem() {
        auto grade = [](const char* item, const char* strategy, std::optional<double> g,
                        OutcomeStatus status = OutcomeStatus::Complete) {
            Outcome o;
            o.runId = 1, o.itemId = item, o.strategy = strategy, o.grade = g, o.status = status;
            return o;
        };
        const std::vector<Outcome> all = {
            grade("a", "cascade", 1.0), grade("b", "cascade", 0.0),
            grade("c", "cascade", 0.0), grade("d", "cascade", std::nullopt, OutcomeStatus::Failed),
            grade("a", "cheap", 0.0),   grade("b", "cheap", 0.0),
            grade("c", "cheap", 1.0),   grade("d", "cheap", 0.0, OutcomeStatus::Incomplete),
            grade("a", "sim/x", 1.0),   grade("b", "sim/x", 0.0),
            grade("c", "sim/x", 0.0),   grade("d", "sim/x", 1.0),
            grade("a", "sim/y", 0.0),   grade("b", "sim/y", 1.0),
            grade("c", "sim/y", 0.0),   grade("d", "sim/y", 0.0)};
        auto asked = std::make_shared<std::vector<std::vector<std::string>>>();
        ui::InspectorData d;
        d.runId = 1;
        d.strategies = {"cascade", "cheap", "sim/x", "sim/y"};
        d.baselines = {"sim/x", "sim/y"};
        d.categoryOf = {{"a", "math"}, {"b", "math"}, {"c", "code"}, {"d", "code"}};
        d.strategy = "cascade";
        d.grades = gradesAmong(all, {"cascade"});
        d.gradesOf = [all, asked](const std::vector<std::string>& strategies, std::stop_token) {
            asked->push_back(strategies);
            return gradesAmong(all, strategies);
        };
        ui::InspectorPage page;
        QSignalSpy listed(&page, &ui::InspectorPage::itemsListed);
        page.setData(std::move(d));
        QCOMPARE(page.visibleItems(), QStringList({"a", "b", "c", "d"})); // at once, from the grades given
        QVERIFY(asked->empty() && !page.isListing());

        page.setStrategy("cheap");
        QVERIFY(page.isListing());
        QVERIFY(page.visibleItems().isEmpty()); // never the last strategy's items under this one's name
        QTRY_VERIFY(!page.isListing());
        QCOMPARE(page.visibleItems(), QStringList({"a", "b", "c", "d"}));
        QCOMPARE(*asked, (std::vector<std::vector<std::string>>{{"cheap"}}));

        // cheap wrong on a and b (d is incomplete: not wrong); sim/x right on a, sim/y on b.
        page.setOnlyWrongWhileBaselineRight(true);
        QTRY_VERIFY(!page.isListing());
        QCOMPARE(page.visibleItems(), QStringList({"a", "b"}));
        QCOMPARE(asked->back(), (std::vector<std::string>{"sim/x", "sim/y"}));
        QStringList byCore;
        for (const auto& id : wrongWhileABaselineWasRight(all, "cheap", {"sim/x", "sim/y"}))
            byCore << QString::fromStdString(id);
        QCOMPARE(page.visibleItems(), byCore);

        // What is held is filtered without another read; the baselines' are read once per run.
        const size_t reads = asked->size();
        auto* category = page.findChildren<QComboBox*>().at(1);
        category->setCurrentText("code");
        QVERIFY(!page.isListing());
        QCOMPARE(page.visibleItems(), QStringList());
        page.setOnlyWrongWhileBaselineRight(false);
        QCOMPARE(page.visibleItems(), QStringList({"c", "d"}));
        page.setStrategy("cascade");
        QTRY_VERIFY(!page.isListing());
        QCOMPARE(page.visibleItems(), QStringList({"c", "d"}));
        page.setOnlyWrongWhileBaselineRight(true); // cascade wrong on c while no baseline was right; d failed
        QVERIFY(!page.isListing());
        QCOMPARE(page.visibleItems(), QStringList({"d"}));
        QCOMPARE(asked->size(), reads + 1); // cascade's grades again, not the baselines'
        QVERIFY(listed.count() >= 6);
    }

    // Review of s11-i14, item 1: cheap is chosen (its grades are read, slowly), then cascade
    // again before they arrive. Cascade is listed at once from what is held, and cheap's late
    // grades are dropped: the list never shows cheap's items under cascade's name.
    void aLateReadOfAStrategyNoLongerChosenIsDropped() {
        struct Gate {
            std::mutex mutex;
            std::condition_variable cv;
            bool open = false, returned = false;
        };
        auto gate = std::make_shared<Gate>();
        Outcome a, x;
        a.runId = x.runId = 1, a.itemId = "a", a.strategy = "cascade", a.grade = 1.0;
        x.itemId = "x", x.strategy = "cheap", x.grade = 0.0;
        ui::InspectorData d;
        d.runId = 1;
        d.strategies = {"cascade", "cheap"};
        d.categoryOf = {{"a", "math"}, {"x", "math"}};
        d.strategy = "cascade";
        d.grades = {a};
        d.gradesOf = [gate, all = std::vector<Outcome>{a, x}](const std::vector<std::string>& strategies,
                                                              std::stop_token) {
            std::unique_lock lock(gate->mutex);
            gate->cv.wait_for(lock, std::chrono::seconds(60), [&] { return gate->open; });
            gate->returned = true;
            return gradesAmong(all, strategies);
        };
        ui::InspectorPage page;
        page.setData(std::move(d));
        QCOMPARE(page.visibleItems(), QStringList({"a"}));
        page.setStrategy("cheap");
        QVERIFY(page.isListing());
        page.setStrategy("cascade");
        QCOMPARE(page.visibleItems(), QStringList({"a"}));
        QVERIFY(!page.isListing()); // cascade's list is on screen: nothing is being listed
        {
            std::lock_guard lock(gate->mutex);
            gate->open = true;
        }
        gate->cv.notify_all();
        QTRY_VERIFY([&] {
            std::lock_guard lock(gate->mutex);
            return gate->returned;
        }());
        for (int i = 0; i < 5; ++i) // anything cheap's read could still have queued is delivered now
            QCoreApplication::processEvents();
        QCOMPARE(page.visibleItems(), QStringList({"a"}));
        QVERIFY(!page.isListing());
    }

    // Review of s11-i14, item 5: a grade read that fails (a busy database) is said, never shown as
    // an empty strategy, and nothing is kept: the baselines' items are read again next time.
    void aFailedReadIsSaidAndNotKept() {
        auto fails = std::make_shared<bool>(true);
        auto reads = std::make_shared<int>(0);
        Outcome a, b;
        a.runId = b.runId = 1, a.itemId = b.itemId = "a", a.strategy = "cascade", a.grade = 0.0;
        b.strategy = "sim/x", b.grade = 1.0;
        ui::InspectorData d;
        d.runId = 1;
        d.strategies = {"cascade", "sim/x"};
        d.baselines = {"sim/x"};
        d.categoryOf = {{"a", "math"}};
        d.strategy = "cascade";
        d.grades = {a};
        d.gradesOf = [fails, reads, all = std::vector<Outcome>{a, b}](const std::vector<std::string>& strategies,
                                                                      std::stop_token) -> Result<std::vector<Outcome>> {
            ++*reads;
            if (*fails) return fail(ErrorKind::Io, "database is locked");
            return gradesAmong(all, strategies);
        };
        ui::InspectorPage page;
        QSignalSpy failed(&page, &ui::InspectorPage::listFailed);
        page.setData(std::move(d));
        page.setOnlyWrongWhileBaselineRight(true);
        QTRY_VERIFY(!page.isListing());
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains("database is locked"),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(page.listError(), failed.first().first().toString());
        QVERIFY(page.visibleItems().isEmpty());
        *fails = false;
        page.setOnlyWrongWhileBaselineRight(false);
        QCOMPARE(page.visibleItems(), QStringList({"a"}));
        page.setOnlyWrongWhileBaselineRight(true); // read again: the failure was not kept as "none right"
        QTRY_VERIFY(!page.isListing());
        QCOMPARE(*reads, 2);
        QCOMPARE(page.visibleItems(), QStringList({"a"}));
        QVERIFY(page.listError().isEmpty());
    }

    // Item q1's calls are slow to read, q2's quick: q1 is selected (by setData), then q2 at once.
    // The page reads both off the GUI thread and shows q2 only: q1's late result is dropped and
    // never drawn, not even for a moment. The call's texts are read off the GUI thread as well.
    void selectingQuicklyShowsTheLastItem() {
        struct Gate {
            std::mutex mutex;
            std::condition_variable cv;
            bool open = false, q1Returned = false;
            std::set<std::thread::id> readers;
        };
        auto gate = std::make_shared<Gate>();
        ui::InspectorData d = data(1.0);
        Outcome second = d.grades.front();
        second.itemId = "q2";
        d.grades.push_back(second);
        d.callsFor = [gate](const std::string& strategy, const std::string& item) {
            std::unique_lock lock(gate->mutex);
            gate->readers.insert(std::this_thread::get_id());
            std::vector<Call> out;
            if (item == "q1") {
                // Never forever: on a page that reads on the GUI thread the test would hang here
                // (it then fails below, after this wait). Long, so that a loaded machine is no cause.
                gate->cv.wait_for(lock, std::chrono::seconds(60), [&] { return gate->open; });
                out = cascade();
                gate->q1Returned = true;
            } else {
                Call c = baton::test::cascadeCall("0", "", CallRole::Answer, CallStatus::Ok, 0.002);
                c.itemId = item, c.strategy = strategy, c.model = "sim/quick", c.requestHash = "req-q2";
                out.push_back(c);
            }
            return out;
        };
        d.textFor = [gate](const std::string& hash) {
            std::lock_guard lock(gate->mutex);
            gate->readers.insert(std::this_thread::get_id());
            return hash == "req-q2" ? std::string(R"({"messages":[{"role":"user","content":"second item"}]})")
                                    : std::string();
        };
        ui::InspectorPage page;
        QSignalSpy shown(&page, &ui::InspectorPage::itemShown);
        page.setData(std::move(d)); // selects q1, the first item
        QCOMPARE(page.visibleItems(), QStringList({"q1", "q2"}));
        page.showItem("q2");
        QTRY_VERIFY_WITH_TIMEOUT(page.shownItem() == "q2" && !page.isLoading(), 30000);
        {
            std::lock_guard lock(gate->mutex);
            QVERIFY(!gate->q1Returned); // q1's read is still blocked: q2 came back first
            gate->open = true;
        }
        gate->cv.notify_all();
        QTRY_VERIFY([&] {
            std::lock_guard lock(gate->mutex);
            return gate->q1Returned;
        }());
        for (int i = 0; i < 5; ++i) // anything q1's read could still have queued is delivered now
            QCoreApplication::processEvents();
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().first().toString(), QString("q2"));
        QCOMPARE(page.shownItem(), QString("q2"));
        QCOMPARE(page.treeModel().rowCount(), 1);
        QCOMPARE(page.treeModel().index(0, 0).data(Qt::DisplayRole).isValid(), true);
        QVERIFY(page.graphView()->nodeItem(0) && !page.graphView()->nodeItem(1)); // q1 had 4 boxes
        QCOMPARE(page.verdict().itemId, std::string("q2"));
        QVERIFY2(page.callText().contains("second item") && page.callText().contains("sim/quick"),
                 qPrintable(page.callText()));
        std::lock_guard lock(gate->mutex);
        QVERIFY(!gate->readers.empty());
        QVERIFY(!gate->readers.count(std::this_thread::get_id())); // never on the GUI thread
    }
};

QTEST_MAIN(TestInspectorPage)
#include "tst_inspector_page.moc"
