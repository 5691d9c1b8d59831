// SPDX-License-Identifier: MIT
#include "run_opener.h"
#include "eval/run_history.h"
#include "inspector_page.h"
#include "results_page.h"
#include "run_charts.h"
#include "store/call_log.h"
#include "store/task_set_store.h"
#include "store/text_store.h"
#include "workbench_session.h"

#include <QDateTime>

#include <mutex>

namespace baton::ui {

RunOpener::RunOpener(WorkbenchSession& session, ResultsPage& results, InspectorPage& inspector, QObject* parent)
    : QObject(parent), m_session(session), m_results(results), m_inspector(inspector) {}

void RunOpener::cancel() {
    m_runLoader.cancel();
    m_reportLoader.cancel();
    m_costLoader.cancel();
}

bool RunOpener::busyWith(qint64 runId) const {
    return readingRun() == runId ||
           (m_openedRun == runId && !m_runLoader.isBusy() && (m_reportLoader.isBusy() || m_costLoader.isBusy()));
}

void RunOpener::open(qint64 runId, Read read) {
    // Already being read: a second read would compete with the first for a core meanwhile, and
    // start again what is nearly done (the report shows seconds after the items at 1M calls).
    if (read == Read::IfNeeded && busyWith(runId)) return;
    auto reader = m_session.reader();
    if (!reader) {
        emit statusMessage(
            tr("Run %1 could not be opened: %2").arg(runId).arg(QString::fromStdString(reader.error().describe())));
        emit failed(runId);
        return;
    }
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    emit statusMessage(tr("Opening run %1...").arg(runId));
    m_readingRun = runId;
    ++m_reads;
    // The run, its strategies and the grades of the one listed first: not the run's every grade
    // (660k at 1M calls), which the report job reads next.
    using Opened = std::shared_ptr<core::Result<core::RunOpening>>;
    m_runLoader.run<Opened>(
        [db, runId](std::stop_token stop, const JobRunner::Progress&) {
            return std::make_shared<core::Result<core::RunOpening>>(core::loadRunOpening(*db, runId, stop));
        },
        [this, db, runId](const Opened& loaded) {
            core::Result<core::RunOpening>& opening = *loaded;
            if (!opening) {
                emit statusMessage(tr("Run %1 could not be opened: %2")
                                       .arg(runId)
                                       .arg(QString::fromStdString(opening.error().describe())));
                emit failed(runId);
                return;
            }
            QString title =
                tr("pool %1, task set %2, %3, %4")
                    .arg(QString::fromStdString(opening->run.poolSnapshot.value("name", "")),
                         QString::fromStdString(opening->taskSetName),
                         QDateTime::fromMSecsSinceEpoch(opening->run.createdAtMs).toString("yyyy-MM-dd hh:mm"),
                         QString::fromStdString(core::toString(opening->run.status)));
            m_costLoader.cancel(); // the report and costs of the run shown before are no longer wanted
            m_reportLoader.cancel();
            m_openedRun = runId;
            m_results.setPending(runId, title);
            showInspector(db, *opening);
            emit statusMessage(tr("Showing run %1 (%2); computing its report...").arg(runId).arg(title));
            buildReport(opening->run, title); // started before opened: a slot there may open another run
            emit opened(runId);
        });
}

void RunOpener::showInspector(const std::shared_ptr<core::SqliteDb>& db, core::RunOpening& opening) {
    InspectorData data;
    data.runId = opening.run.id;
    data.strategies = opening.strategies;
    data.baselines = opening.baselines;
    data.categoryOf = std::move(opening.categoryOf);
    data.strategy = opening.firstStrategy;
    data.grades = std::move(opening.firstGrades);
    // Called off the GUI thread, possibly at once: the connection is for one thread at a
    // time (SQLITE_OPEN_NOMUTEX), so they take turns.
    auto turn = std::make_shared<std::mutex>();
    const int64_t runId = opening.run.id;
    data.gradesOf = [db, turn, runId, borrowed = opening.borrowed](const std::vector<std::string>& strategies,
                                                                   std::stop_token stop) {
        std::lock_guard lock(*turn);
        return core::loadStrategyGrades(*db, runId, borrowed, strategies, stop);
    };
    data.callsFor = [db, turn, runId, borrowed = opening.borrowed](const std::string& strategy,
                                                                   const std::string& item) {
        std::lock_guard lock(*turn);
        return core::loadItemCalls(*db, runId, borrowed, strategy, item).value_or(std::vector<core::Call>{});
    };
    data.itemFor = [db, turn, set = opening.run.taskSetHash](const std::string& item) {
        std::lock_guard lock(*turn);
        return core::loadTaskItem(*db, set, item).value_or(std::nullopt);
    };
    data.outcomesFor = [db, turn, runId, borrowed = opening.borrowed,
                        strategies = opening.strategies](const std::string& item) {
        std::lock_guard lock(*turn);
        return core::loadItemOutcomes(*db, runId, borrowed, strategies, item).value_or(std::vector<core::Outcome>{});
    };
    data.textFor = [db, turn](const std::string& hash) {
        std::lock_guard lock(*turn);
        auto text = core::getText(*db, hash);
        return text && *text ? **text : std::string();
    };
    m_inspector.setData(std::move(data));
}

void RunOpener::buildReport(const core::Run& run, const QString& title) {
    // Every grade read and the report built on a connection of its own (the Inspector's reads go
    // on meanwhile), with the latency chart's figures: the GUI thread draws them, it does not fold
    // 660k outcomes.
    auto reader = m_session.reader();
    if (!reader) {
        m_results.setUnavailable(tr("Run %1 (%2): the report could not be built: %3")
                                     .arg(run.id)
                                     .arg(title, QString::fromStdString(reader.error().describe())));
        return;
    }
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    struct Built {
        core::Result<core::RunReport> report;
        core::LatencyHistograms latencies;
    };
    m_reportLoader.run<std::shared_ptr<Built>>(
        [db, run](std::stop_token stop, const JobRunner::Progress&) {
            auto built = std::make_shared<Built>();
            auto inputs = core::loadRunReportInputs(*db, run, stop);
            if (!inputs) {
                built->report = std::unexpected(inputs.error());
                return built;
            }
            built->report = core::buildReport(run, *inputs, stop);
            if (stop.stop_requested()) return built; // unfinished, and dropped
            built->latencies =
                core::latencyHistograms(inputs->outcomes, built->report->strategyNames(), kLatencyChartBins);
            return built;
        },
        [this, run, title](const std::shared_ptr<Built>& built) {
            if (!built->report) {
                m_results.setUnavailable(tr("Run %1 (%2): the report could not be built: %3")
                                             .arg(run.id)
                                             .arg(title, QString::fromStdString(built->report.error().describe())));
                emit statusMessage(m_results.summaryText());
                return;
            }
            m_results.setReport(std::move(*built->report), title);
            m_results.setRun(run);
            m_results.setLatencies(std::move(built->latencies));
            emit statusMessage(tr("Showing run %1 (%2); reading what each call cost...").arg(run.id).arg(title));
            emit shown(run.id);
            readCosts(run, title);
        });
}

void RunOpener::readCosts(const core::Run& run, const QString& title) {
    // Every call of the run is read for the cost charts: after the run is shown, not before, and
    // on a connection of its own, so that the Inspector reads items meanwhile.
    auto reader = m_session.reader();
    if (!reader) {
        emit statusMessage(QString::fromStdString(reader.error().describe()));
        return;
    }
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    // Held by a shared pointer so that the pages take the item costs (660k at 1M calls) without copying them.
    using Costs = std::shared_ptr<core::Result<core::RunCosts>>;
    m_costLoader.run<Costs>(
        [db, run](std::stop_token stop, const JobRunner::Progress&) {
            return std::make_shared<core::Result<core::RunCosts>>(core::loadRunCosts(*db, run, stop));
        },
        [this, runId = run.id, title](const Costs& loaded) {
            core::Result<core::RunCosts>& costs = *loaded;
            if (!costs) {
                emit statusMessage(tr("Showing run %1 (%2); what each call cost could not be read: %3")
                                       .arg(runId)
                                       .arg(title, QString::fromStdString(costs.error().describe())));
                return;
            }
            m_results.setItemCosts(std::move(costs->itemCosts));
            m_results.setCallCosts(costs->callCosts);
            m_inspector.setCallCosts(std::move(costs->callCosts));
            emit statusMessage(tr("Showing run %1 (%2)").arg(runId).arg(title));
            emit costsShown(runId);
        });
}

} // namespace baton::ui
