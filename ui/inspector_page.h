// SPDX-License-Identifier: MIT
#pragma once
// InspectorPage: pick an item of a run (filter by strategy, category, status, or "the strategy
// was wrong while some baseline was right"), see why it went as it did (question, reference,
// final answer and verdict, which baselines were right, what the item cost paid vs cached and
// how long it took; what every call of the run cost, next to the item's), its routing tree with role, model, reason, tokens, cost, latency and
// status, and the selected call's messages and answer as readable text. The item's calls and the
// call's texts are read off the GUI thread by the job runner: a newer selection drops an older
// read's result, so the page always shows the last item selected.

#include "item_list_model.h"
#include "job_runner.h"
#include "eval/call_cost_histogram.h"
#include "eval/item_verdict.h"
#include "model/task_set.h"
#include "routing_tree_model.h"
#include "call_cost_view.h"
#include "call_timeline_view.h"
#include "routing_graph_view.h"

#include <QWidget>
#include <functional>
#include <optional>
#include <set>

class QChartView;
class QCheckBox;
class QComboBox;
class QListView;
class QPlainTextEdit;
class QTextBrowser;
class QTreeView;
class QTabWidget;
class QLabel;

namespace baton::ui {

/// What the inspector shows, loaded from the workspace by the caller.
struct InspectorData {
    int64_t runId = 0;
    std::vector<std::string> strategies; ///< every strategy and baseline with outcomes
    std::vector<std::string> baselines;
    std::map<std::string, std::string> categoryOf; ///< item -> category
    /// The strategy listed first and its grades by item (answers left empty), read with the run;
    /// empty: the first of `strategies` that is no baseline, its grades read by gradesOf.
    std::string strategy;
    std::vector<core::Outcome> grades;
    /// The grades of the strategies asked, by item (answers left empty): read off the GUI thread
    /// when another strategy is chosen, and the baselines' for "wrong while some baseline was
    /// right". A 1M-call run's 660k grades are never all read to list one strategy's items.
    /// `stop` is signalled when a newer choice or run supersedes the read. An error is said
    /// (listFailed), never taken for "no grades".
    std::function<core::Result<std::vector<core::Outcome>>(const std::vector<std::string>& strategies,
                                                           std::stop_token stop)>
        gradesOf;
    /// The calls of one item of one strategy, fetched when the item is shown. Called off the GUI
    /// thread, one call at a time per page, possibly at once with textFor and gradesOf.
    std::function<std::vector<core::Call>(const std::string& strategy, const std::string& item)> callsFor;
    /// The item's question and references, and its outcomes with their answers, read with its
    /// calls (off the GUI thread, like callsFor): a run's texts are never all in memory. Unset:
    /// no question is shown and the answers are those of the grades listed.
    std::function<std::optional<core::TaskItem>(const std::string& item)> itemFor;
    std::function<std::vector<core::Outcome>(const std::string& item)> outcomesFor;
    std::function<std::string(const std::string& hash)> textFor; ///< content-addressed text (off the GUI thread)
    core::RunCallCosts callCosts; ///< what every call of the run cost, for the whole-run tab
};

class InspectorPage : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPage(QWidget* parent = nullptr);
    void setData(InspectorData data);
    /// What every call of the run cost, when it is read after the run is shown.
    void setCallCosts(core::RunCallCosts costs);

    /// The item ids the current filters leave, in order (the list view fetches them in chunks).
    QStringList visibleItems() const;
    /// True while the grades a filter needs are read (another strategy's, the baselines'); the
    /// list is filled, and itemsListed() emitted, when they arrive.
    bool isListing() const { return m_listJob.isBusy(); }
    /// Why the last read of grades failed (empty when it did not); the list is left empty and
    /// nothing read is kept, so the same filter reads again.
    QString listError() const { return m_listError; }
    void setStrategy(const QString& strategy);
    void setOnlyWrongWhileBaselineRight(bool on);
    /// Selects the item in the list (when the filters leave it) and shows its routing tree once its
    /// calls are read (itemShown).
    void showItem(const QString& itemId);
    /// The item whose calls the page shows (empty while none).
    QString shownItem() const { return m_shownItem; }
    /// True while the calls of an item or the texts of a call are being read.
    bool isLoading() const { return m_treeJob.isBusy() || m_textJob.isBusy(); }
    const RoutingTreeModel& treeModel() const { return m_tree; }
    /// The item panel's text (question, reference, answer, verdict, baselines, cost, latency).
    QString itemText() const;
    /// What the item panel shows, as figures.
    const core::ItemVerdict& verdict() const { return m_verdict; }
    /// The selected call's request and response as shown.
    QString callText() const;
    /// The routing tree drawn as a graph (next to the table).
    RoutingGraphView* graphView() const { return m_graph; }
    /// The item's calls as a waterfall, and what each cost.
    CallTimelineView* timelineView() const { return m_timeline; }
    CallCostView* costView() const { return m_cost; }
    /// What every call of the run cost, for the strategy chosen (a histogram per role).
    QChartView* runCostView() const { return m_runCost; }
    /// Shows the drawing tab `index` (0 graph, 1 timeline, 2 cost per call of the item, 3 of the run).
    void showDrawing(int index);
    /// Exports the drawing in the current tab (graph: .png/.svg/.pdf/.dot).
    bool exportDrawing(const QString& path, QString* error = nullptr, QString* written = nullptr);
    /// Asks for a file to export to; tests replace it.
    std::function<QString(const QString& caption, const QString& start, const QString& filter)> chooseFile;
    /// The open workspace's file: a drawing exported onto it (or its -wal, -shm, -journal) is refused.
    void setWorkspacePath(const QString& path) { m_workspacePath = path; }

signals:
    /// The list holds the items the filters leave (visibleItems()).
    void itemsListed();
    /// The grades a filter needs could not be read: `text` says why (for the status bar).
    void listFailed(const QString& text);
    /// The calls of `itemId` are shown (tree, graph, timeline, cost, verdict).
    void itemShown(const QString& itemId);
    /// The selected call's request and response are shown.
    void callShown();

private:
    void refilter();
    void listItems();  ///< from the grades held, by the filters
    void clearShown(); ///< no item shown
    /// What is read of an item when it is shown.
    struct ShownItem {
        std::vector<core::Call> calls;
        std::optional<core::TaskItem> item;
        std::optional<std::vector<core::Outcome>> outcomes; ///< with answers; unset: the grades listed
    };
    void applyTree(const QString& itemId, const std::string& strategy, const ShownItem& shown);
    void showTree(const QString& itemId);
    void showCall(const QModelIndex& index);
    void showVerdict(const QString& itemId, const ShownItem& shown);
    void chooseAndExport();
    void showRunCosts();

    InspectorData m_data;
    std::string m_gradesOf;                               ///< the strategy whose grades m_data.grades holds
    std::optional<std::set<std::string>> m_baselineRight; ///< items some baseline got right, once read
    RoutingTreeModel m_tree;
    QComboBox* m_strategy;
    QComboBox* m_category;
    QComboBox* m_status;
    QCheckBox* m_wrongButBaselineRight;
    ItemListModel m_itemList;
    QListView* m_items;
    QTreeView* m_view;
    QPlainTextEdit* m_text;
    QTextBrowser* m_item;
    QTabWidget* m_drawings;
    RoutingGraphView* m_graph;
    CallTimelineView* m_timeline;
    CallCostView* m_cost;
    QChartView* m_runCost;
    QLabel* m_exported;
    core::ItemVerdict m_verdict;
    QString m_shownItem;
    QString m_listError;
    QString m_workspacePath;
    JobRunner m_listJob; ///< reads the grades a filter needs
    JobRunner m_treeJob; ///< reads the calls of the item selected
    JobRunner m_textJob; ///< reads the texts of the call selected
};

} // namespace baton::ui
