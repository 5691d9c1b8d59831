// SPDX-License-Identifier: MIT
#pragma once
// RunOpener: opens a run of the workspace into the Inspector and Results in three jobs off the GUI
// thread, one after the other: the run with one strategy's grades (the Inspector lists its items:
// opened), the report built from every grade (Results shows it: shown), then what each call cost
// (the cost charts: costsShown). A newer open stops the older one's jobs and drops their results;
// a failed open leaves the run shown before as it was.

#include "job_runner.h"

#include <QObject>

#include <memory>

namespace baton::core {
struct Run;
struct RunOpening;
class SqliteDb;
} // namespace baton::core

namespace baton::ui {

class InspectorPage;
class ResultsPage;
class WorkbenchSession;

class RunOpener : public QObject {
    Q_OBJECT
public:
    RunOpener(WorkbenchSession& session, ResultsPage& results, InspectorPage& inspector, QObject* parent = nullptr);

    /// IfNeeded: opening the run being read, or whose report or costs are being read, starts no
    /// second read (the start-up's reopening of the last run, then a click on it). Anew: it is read again (a run just
    /// finished or imported: the read under way may have older grades).
    enum class Read { IfNeeded, Anew };
    void open(qint64 runId, Read read = Read::IfNeeded);
    /// The run whose first read is under way (0: none).
    qint64 readingRun() const { return m_runLoader.isBusy() ? m_readingRun : 0; }
    /// True while `runId` is read, or its report or costs are (open() with IfNeeded does nothing then).
    bool busyWith(qint64 runId) const;
    /// How many reads of a run were started.
    quint64 reads() const { return m_reads; }
    /// Stops every job; nothing more is shown.
    void cancel();

signals:
    /// The run's items are listed in the Inspector; Results says its report is being computed.
    void opened(qint64 runId);
    /// The run's report is shown on Results (it follows opened).
    void shown(qint64 runId);
    /// What each call of the run cost is read and drawn (it follows shown).
    void costsShown(qint64 runId);
    /// The run could not be opened; the run shown before stays, with its report and costs.
    void failed(qint64 runId);
    void statusMessage(const QString& text);

private:
    void showInspector(const std::shared_ptr<core::SqliteDb>& db, core::RunOpening& opening);
    void buildReport(const core::Run& run, const QString& title);
    void readCosts(const core::Run& run, const QString& title);

    WorkbenchSession& m_session;
    ResultsPage& m_results;
    InspectorPage& m_inspector;
    JobRunner m_runLoader;    ///< reads the run and one strategy's grades: its items are listed from them
    JobRunner m_reportLoader; ///< reads every grade and builds the report, after the items are listed
    JobRunner m_costLoader;   ///< reads what each call cost, after the report is shown
    qint64 m_readingRun = 0;
    qint64 m_openedRun = 0; ///< the run the report and cost jobs are for
    quint64 m_reads = 0;
};

} // namespace baton::ui
