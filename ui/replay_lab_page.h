// SPDX-License-Identifier: MIT
#pragma once
// ReplayLabPage: routing studied offline on a saved outcome matrix or a run's baselines, with
// zero calls. Choose the source, the split and the strategies; see the cost-quality chart
// (frontier, oracle, random mix, strategy curves; labelled points, tooltips) and the
// AIQ/APGR/CPT table; untick models in the what-if list and everything is recomputed at once,
// with the price of that constraint. All work runs on a JobRunner (progress, cancel, stale
// results dropped), so ticking never freezes the window. Exports the chart and the table. A
// second tab trains a learned router on the same matrix (RouterTrainPanel).

#include "job_runner.h"
#include "replay/constraint_price.h"
#include "replay/replay_report.h"
#include "replay_table_model.h"

#include <QWidget>
#include <memory>
#include <optional>

class QChartView;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QSpinBox;

namespace baton::ui {

class PoolDocument;
class RouterTrainPanel;
class WorkbenchSession;

class ReplayLabPage : public QWidget {
    Q_OBJECT
public:
    explicit ReplayLabPage(WorkbenchSession& session, QWidget* parent = nullptr);

    /// Lists the workspace's matrices and runs as sources, read off the GUI thread; then selects
    /// `select` when given. Emits sourcesListed.
    void refreshSources(const QString& select = {});
    /// Loads a source ("run:N" or a matrix name) off the GUI thread, ticks every model, replays.
    void showSource(const QString& selector);
    /// Replays the loaded matrix with the ticked models and the chosen options.
    void recompute();
    /// Imports outcome file `path` in `format` (as `baton-cli matrix import`) off the GUI thread,
    /// saves it in the workspace as `name` and shows it; every problem is listed, nothing half-saved.
    void importMatrixFile(const QString& path, const QString& format, const QString& name);
    /// Ticks or unticks a model of the what-if list (recomputes, as a click does).
    void setModelKept(const QString& model, bool kept);

    const ReplayTableModel& table() const { return m_table; }
    /// The "Train a router" tab, on the matrix shown.
    RouterTrainPanel& routerPanel() { return *m_router; }
    /// The pool that the router tab's "Add to pool" edits (the Pools page's document).
    void setPoolDocument(PoolDocument* document);
    const JobRunner& runner() const { return m_runner; }
    QString status() const;
    /// By extension: .csv (the table), .png, .svg or .pdf (the chart). False with `error` on failure.
    bool exportTo(const QString& path, QString* error = nullptr) const;

signals:
    /// A replay finished and is on screen.
    void replayShown();
    /// The source list was read.
    void sourcesListed();
    /// An import ended: saved, or refused with `message` listing the problems.
    void importEnded(bool saved, const QString& message);

private:
    struct Computed;
    core::ReplayOptions options() const;
    void showComputed(const Computed& computed);
    void askAndImport();

    WorkbenchSession& m_session;
    JobRunner m_runner;
    JobRunner m_listing; ///< the source list, apart from the replay so that neither cancels the other
    ReplayTableModel m_table;
    std::shared_ptr<const core::OutcomeMatrix> m_matrix;
    std::optional<core::ReplayReport> m_report;
    QComboBox* m_source = nullptr;
    QDoubleSpinBox* m_testShare = nullptr;
    QSpinBox* m_seed = nullptr;
    QCheckBox* m_similarity = nullptr;
    QCheckBox* m_cascade = nullptr;
    QCheckBox* m_rules = nullptr;
    QListWidget* m_models = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_price = nullptr;
    QProgressBar* m_progress = nullptr;
    QChartView* m_chart = nullptr;
    RouterTrainPanel* m_router = nullptr;
};

} // namespace baton::ui
