// SPDX-License-Identifier: MIT
#include "workbench_session.h"
#include "pools/pool_file.h"
#include "sim/demo_tasks.h"
#include "sim/run_simulator.h"
#include "store/task_set_store.h"
#include "util/resources.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStandardPaths>

namespace baton::ui {

core::Result<std::unique_ptr<WorkbenchSession>> WorkbenchSession::openDemo(const QString& databasePath,
                                                                           int itemsPerCategory) {
    auto ws = core::Workspace::open(databasePath.toStdString());
    if (!ws) return std::unexpected(ws.error());
    std::unique_ptr<WorkbenchSession> session(new WorkbenchSession(std::move(*ws)));
    auto reader = session->m_workspace.openReader();
    if (!reader) return std::unexpected(reader.error());
    session->m_engineReader = std::move(*reader);
    session->m_writer = std::make_unique<core::StoreWriter>(session->m_workspace.takeWriter());

    std::string poolText(core::embeddedResource("demo/pool.json").value_or(""));
    auto pool = core::parsePool(poolText, "demo pool");
    if (!pool) return std::unexpected(pool.error());
    session->m_pool = pool->pool;
    session->m_tasks = core::generateDemoTasks(1, itemsPerCategory);
    if (auto saved = session->saveTasks(session->m_tasks, "demo"); !saved) return std::unexpected(saved.error());

    // The simulator answers the demo items; items of other task sets get its generic answers.
    // A copy: the session's task set changes on import, the simulator keeps answering the demo.
    auto sim = core::startRunSimulator(std::make_shared<const core::TaskSet>(session->m_tasks), {},
                                       "demo sim profile", 128);
    if (!sim) return std::unexpected(sim.error());
    session->m_sim = std::move(sim->server);
    session->m_simIdentity = sim->identity;
    return session;
}

QString WorkbenchSession::defaultDemoPath() {
    QString app = QCoreApplication::applicationName().isEmpty() ? QStringLiteral("Baton")
                                                                 : QCoreApplication::applicationName();
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + '/' + app + "/demo.db";
}

void WorkbenchSession::usePool(core::Pool pool) {
    m_pool = std::move(pool);
    emit poolChanged();
}

core::Status WorkbenchSession::useTasks(core::TaskSet tasks, const std::string& source) {
    if (auto saved = saveTasks(tasks, source); !saved) return saved;
    useSavedTasks(std::move(tasks));
    return {};
}

void WorkbenchSession::useSavedTasks(core::TaskSet tasks) {
    m_tasks = std::move(tasks);
    emit tasksChanged();
}

core::Status WorkbenchSession::saveTasks(const core::TaskSet& tasks, const std::string& source, std::stop_token stop) {
    int64_t now = QDateTime::currentMSecsSinceEpoch();
    return m_writer
        ->submit([&tasks, &source, now, stop](core::SqliteDb& db) -> core::Status {
            auto r = core::saveTaskSet(db, tasks, source, now, stop);
            return r ? core::Status{} : std::unexpected(r.error());
        })
        .get();
}

core::RunEnvironment WorkbenchSession::environmentFor(const core::Pool& pool) const {
    return {m_keys.resolverFor(pool), m_sim->baseUrl(), m_simIdentity};
}

} // namespace baton::ui
