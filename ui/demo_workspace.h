#pragma once
// DemoWorkspace: the built-in demo (simulated pool, generated task set) in a workspace database,
// with the simulator running in-process, ready to run from the workbench.

#include "model/pool.h"
#include "model/task_set.h"
#include "run/run_engine.h"
#include "sim/sim_server.h"
#include "store/store_writer.h"
#include "store/workspace.h"

#include <QString>
#include <memory>

namespace baton::ui {

class DemoWorkspace {
public:
    /// Opens (creating when needed) the demo workspace at `databasePath`. Errors as for Workspace.
    static core::Result<std::unique_ptr<DemoWorkspace>> open(const QString& databasePath, int itemsPerCategory = 50);

    const core::Pool& pool() const { return m_pool; }
    const core::TaskSet& tasks() const { return m_tasks; }
    core::RunInputs runInputs() { return {*m_writer, *m_engineReader, core::PriceBook::bundled()}; }
    core::RunEnvironment environment() const { return {{}, m_sim->baseUrl(), m_simIdentity}; }
    /// A new read connection for the GUI thread.
    core::Result<std::unique_ptr<core::SqliteDb>> reader() const { return m_workspace.openReader(); }
    QString path() const { return QString::fromStdString(m_workspace.path()); }

private:
    DemoWorkspace(core::Workspace ws) : m_workspace(std::move(ws)) {}
    core::Workspace m_workspace;
    std::unique_ptr<core::StoreWriter> m_writer;
    std::unique_ptr<core::SqliteDb> m_engineReader; ///< used by the run job's thread only
    core::Pool m_pool;
    core::TaskSet m_tasks;
    std::unique_ptr<core::SimServer> m_sim;
    std::string m_simIdentity;
};

} // namespace baton::ui
