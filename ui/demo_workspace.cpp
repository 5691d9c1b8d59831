#include "demo_workspace.h"
#include "io/pool_file.h"
#include "sim/demo_tasks.h"
#include "store/task_set_store.h"
#include "util/resources.h"
#include "util/sha256.h"

namespace baton::ui {

core::Result<std::unique_ptr<DemoWorkspace>> DemoWorkspace::open(const QString& databasePath, int itemsPerCategory) {
    auto ws = core::Workspace::open(databasePath.toStdString());
    if (!ws) return std::unexpected(ws.error());
    std::unique_ptr<DemoWorkspace> demo(new DemoWorkspace(std::move(*ws)));
    auto reader = demo->m_workspace.openReader();
    if (!reader) return std::unexpected(reader.error());
    demo->m_engineReader = std::move(*reader);
    demo->m_writer = std::make_unique<core::StoreWriter>(demo->m_workspace.takeWriter());

    std::string poolText(core::embeddedResource("demo/pool.json").value_or(""));
    auto pool = core::parsePool(poolText, "demo pool");
    if (!pool) return std::unexpected(pool.error());
    demo->m_pool = pool->pool;
    demo->m_tasks = core::generateDemoTasks(1, itemsPerCategory);
    const core::TaskSet& tasks = demo->m_tasks;
    auto saved = demo->m_writer
                     ->submit([&tasks](core::SqliteDb& db) -> core::Status {
                         auto r = core::saveTaskSet(db, tasks, "demo", 0);
                         return r ? core::Status{} : std::unexpected(r.error());
                     })
                     .get();
    if (!saved) return std::unexpected(saved.error());

    std::string profileText(core::embeddedResource("demo/sim_profile.json").value_or(""));
    auto profile = core::parseSimProfile(profileText, "demo sim profile");
    if (!profile) return std::unexpected(profile.error());
    core::SimServerOptions options;
    options.threads = 128;
    auto sim = core::SimServer::start(std::make_shared<core::SimResponder>(*profile, tasks), options);
    if (!sim) return std::unexpected(sim.error());
    demo->m_sim = std::move(*sim);
    demo->m_simIdentity = core::sha256Hex(profileText + "\n" + tasks.contentHash()).substr(0, 16);
    return demo;
}

} // namespace baton::ui
