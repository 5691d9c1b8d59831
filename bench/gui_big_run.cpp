// SPDX-License-Identifier: MIT
// The workbench on a big run (offscreen): the real main window opens run RUN of workspace DB
// (read off the GUI thread, then shown on Results and the Inspector), then the Inspector's item
// list is scrolled from top to bottom page by page. Next to it, in the same process: a naive
// QStandardItemModel filled with the same rows in a QListView of the same size, opened and
// scrolled the same way. Prints one JSON line:
//   open_ms         openRun() until runOpened (one strategy's grades read off the GUI thread, the Inspector filled)
//   first_rows_ms   openRun() until the Inspector shows its first rows (painted)
//   report_ms       openRun() until runShown (the report built off the GUI thread, Results filled)
//   open_stall_ms   the longest the GUI thread did not answer from openRun() until the report is shown
//   costs_ms        openRun() until the cost charts are drawn (every call read, after the run is shown)
//   scroll_*        per page step while scrolling the list: worst and median ms, steps, rows
//   naive_*         the same for the QStandardItemModel (fill + first rows, worst step)
// Not a test: nothing here asserts a time (bench/big_workspace.sh prints the figures).
//
//   bench_gui_big_run DB [--run N]

#include "inspector_page.h"
#include "main_window.h"
#include "workbench_session.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QListView>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace baton;

namespace {

struct Scroll {
    double worstMs = 0, medianMs = 0;
    int steps = 0, rows = 0;
};

/// Pages through `view` from top to bottom as a user dragging page by page would (each step:
/// move the scroll bar, let the view lay out, fetch and paint): the time of each step.
Scroll scrollThrough(QListView* view) {
    std::vector<double> steps;
    QScrollBar* bar = view->verticalScrollBar();
    QElapsedTimer step;
    for (int guard = 0; guard < 1'000'000; ++guard) {
        step.start();
        bar->setValue(bar->value() + bar->pageStep());
        QCoreApplication::processEvents();
        view->viewport()->repaint();
        steps.push_back(double(step.nsecsElapsed()) / 1e6);
        auto* model = view->model();
        if (bar->value() >= bar->maximum() && !model->canFetchMore({})) break;
    }
    Scroll s;
    s.steps = int(steps.size());
    s.rows = view->model()->rowCount();
    if (!steps.empty()) {
        s.worstMs = *std::max_element(steps.begin(), steps.end());
        std::nth_element(steps.begin(), steps.begin() + long(steps.size() / 2), steps.end());
        s.medianMs = steps[steps.size() / 2];
    }
    return s;
}

/// Records the longest gap between two turns of the GUI thread's event loop while it runs.
class StallWatch : public QObject {
public:
    StallWatch() {
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            double gap = double(m_last.nsecsElapsed()) / 1e6;
            m_worst = std::max(m_worst, gap);
            m_last.start();
        });
    }
    void start() {
        m_worst = 0;
        m_last.start();
        m_timer.start();
    }
    double stop() {
        m_timer.stop();
        return std::max(m_worst, double(m_last.nsecsElapsed()) / 1e6);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_last;
    double m_worst = 0;
};

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // settings of its own, not the user's
    QCoreApplication::setOrganizationName("BatonBench");
    QCoreApplication::setApplicationName("bench_gui_big_run");
    QStringList args = app.arguments();
    if (args.size() < 2 || args[1].startsWith('-')) {
        std::fprintf(stderr, "usage: bench_gui_big_run DB [--run N]\n");
        return 2;
    }
    qint64 runId = 1;
    if (int at = int(args.indexOf("--run")); at > 0 && at + 1 < args.size()) runId = args[at + 1].toLongLong();

    auto session = ui::WorkbenchSession::openDemo(args[1], 2);
    if (!session) {
        std::fprintf(stderr, "%s\n", session.error().describe().c_str());
        return 1;
    }
    ui::MainWindow window(session->get());
    window.resize(1600, 1000);

    // Open the run, as Runs > Open (or the start-up's reopening of the last run) does. The shown
    // window reopens the newest run once it has read the run history, and opening a run already
    // being read or reported starts no second read and no second runOpened: so no event is
    // processed between show() and openRun(), and whichever open comes first is the one measured.
    StallWatch stall;
    QElapsedTimer open;
    double openMs = -1, firstRowsMs = -1, reportMs = -1, costsMs = -1;
    QObject::connect(&window, &ui::MainWindow::runCostsShown, &app, [&](qint64 id) {
        if (id == runId && costsMs < 0) costsMs = double(open.nsecsElapsed()) / 1e6;
    });
    QObject::connect(&window, &ui::MainWindow::runShown, &app, [&](qint64 id) {
        if (id == runId && reportMs < 0) reportMs = double(open.nsecsElapsed()) / 1e6;
    });
    QObject::connect(&window, &ui::MainWindow::runOpened, &app, [&](qint64 id) {
        if (id != runId || openMs >= 0) return;
        openMs = double(open.nsecsElapsed()) / 1e6;
        window.showPage(window.inspectorPage());
    });
    stall.start();
    open.start();
    window.show();
    window.openRun(runId);
    auto* list = window.inspectorPage()->findChild<QListView*>();
    if (!list) return std::fprintf(stderr, "the inspector has no item list\n"), 1;
    while (firstRowsMs < 0 && open.elapsed() < 600'000) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        if (openMs >= 0 && list->isVisible() && list->model() && list->model()->rowCount() > 0) {
            list->viewport()->repaint();
            firstRowsMs = double(open.nsecsElapsed()) / 1e6;
        }
    }
    if (firstRowsMs < 0) return std::fprintf(stderr, "run %lld was not shown within 10 minutes\n", (long long)runId), 1;
    while (reportMs < 0 && open.elapsed() < 600'000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    double openStall = stall.stop();
    const QStringList items = window.inspectorPage()->visibleItems();
    Scroll real = scrollThrough(list);
    while (costsMs < 0 && open.elapsed() < 600'000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);

    // The naive model: every row an item, filled at once, in a view of the same size.
    QElapsedTimer naive;
    naive.start();
    QStandardItemModel model;
    for (const QString& id : items)
        model.appendRow(new QStandardItem(id));
    QListView view;
    view.resize(list->size());
    view.setUniformItemSizes(list->uniformItemSizes());
    view.setModel(&model);
    view.show();
    QCoreApplication::processEvents();
    view.viewport()->repaint();
    double naiveFirstMs = double(naive.nsecsElapsed()) / 1e6;
    Scroll plain = scrollThrough(&view);

    std::printf("{\"run\": %lld, \"items\": %lld, \"open_ms\": %.1f, \"first_rows_ms\": %.1f, \"report_ms\": %.1f, "
                "\"open_stall_ms\": %.1f, \"costs_ms\": %.1f, "
                "\"scroll_worst_ms\": %.2f, \"scroll_median_ms\": %.2f, \"scroll_steps\": %d, \"scroll_rows\": %d, "
                "\"naive_first_rows_ms\": %.1f, \"naive_scroll_worst_ms\": %.2f, \"naive_scroll_median_ms\": %.2f, "
                "\"naive_scroll_steps\": %d}\n",
                (long long)runId, (long long)items.size(), openMs, firstRowsMs, reportMs, openStall, costsMs,
                real.worstMs, real.medianMs, real.steps, real.rows, naiveFirstMs, plain.worstMs, plain.medianMs,
                plain.steps);
    return 0;
}
