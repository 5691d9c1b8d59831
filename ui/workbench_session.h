// SPDX-License-Identifier: MIT
#pragma once
// WorkbenchSession: the workspace database the workbench works in, the pool and task set that
// runs use now, the keys, and the simulator running in-process for models of provider "sim".
// It starts on the built-in demo (simulated pool, generated task set), so a first run needs no key.

#include "key_store.h"
#include "model/pool.h"
#include "model/task_set.h"
#include "engine/run_engine.h"
#include "sim/sim_server.h"
#include "store/store_writer.h"
#include "store/workspace.h"

#include <QObject>
#include <QString>
#include <memory>
#include <stop_token>

namespace baton::ui {

class WorkbenchSession : public QObject {
    Q_OBJECT
public:
    /// Opens (creating when needed) the workspace at `databasePath` on the demo pool and task set.
    /// Errors as for Workspace.
    static core::Result<std::unique_ptr<WorkbenchSession>> openDemo(const QString& databasePath,
                                                                    int itemsPerCategory = 50);
    /// Where the demo workspace lives: `$XDG_DATA_HOME/Baton/demo.db` (~/.local/share/Baton/demo.db),
    /// the application's folder named once (AppLocalDataLocation names organisation and application).
    static QString defaultDemoPath();

    const core::Pool& pool() const { return m_pool; }
    const core::TaskSet& tasks() const { return m_tasks; }
    /// Runs use this pool from now on.
    void usePool(core::Pool pool);
    /// Saves the task set into the workspace (once per content) and runs use it from now on.
    core::Status useTasks(core::TaskSet tasks, const std::string& source);
    /// Saves the task set into the workspace (once per content); safe from any thread. A stop
    /// requested before the set is written whole keeps nothing (Internal "stopped").
    core::Status saveTasks(const core::TaskSet& tasks, const std::string& source, std::stop_token stop = {});
    /// Runs use this task set, already saved, from now on.
    void useSavedTasks(core::TaskSet tasks);

    KeyStore& keys() { return m_keys; }
    core::RunInputs runInputs() { return {*m_writer, *m_engineReader, core::PriceBook::bundled()}; }
    /// Keys of the current pool are looked up now (keychain, then environment) and held in memory.
    core::RunEnvironment environment() const { return environmentFor(m_pool); }
    core::RunEnvironment environmentFor(const core::Pool& pool) const;
    /// The workspace's one writer (safe to submit to from any thread).
    core::StoreWriter& writer() { return *m_writer; }
    /// A new read connection for the GUI thread.
    core::Result<std::unique_ptr<core::SqliteDb>> reader() const { return m_workspace.openReader(); }
    QString path() const { return QString::fromStdString(m_workspace.path()); }

    /// Says that a run was added or changed (the run list reads again).
    void announceRunsChanged() { emit runsChanged(); }

signals:
    void poolChanged();
    void tasksChanged();
    void runsChanged();

private:
    explicit WorkbenchSession(core::Workspace ws) : m_workspace(std::move(ws)) {}

    core::Workspace m_workspace;
    std::unique_ptr<core::StoreWriter> m_writer;
    std::unique_ptr<core::SqliteDb> m_engineReader; ///< used by the run job's thread only
    core::Pool m_pool;
    core::TaskSet m_tasks;
    KeyStore m_keys;
    std::unique_ptr<core::SimServer> m_sim;
    std::string m_simIdentity;
};

} // namespace baton::ui
