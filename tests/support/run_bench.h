// SPDX-License-Identifier: MIT
#pragma once
// RunBench: a temporary workspace with a task set saved in it, the simulator serving that task
// set on loopback, and the engine's inputs, for tests that run pools end to end.

#include "pools/pool_file.h"
#include "engine/run_engine.h"
#include "sim/sim_server.h"
#include "store/call_log.h"
#include "store/task_set_store.h"
#include "store/workspace.h"
#include "util/resources.h"

#include <QTemporaryDir>

namespace baton::test {

inline core::Pool demoPool() {
    return core::parsePool(std::string(core::embeddedResource("demo/pool.json").value()), "demo pool").value().pool;
}

/// The demo profile without faults or waiting.
inline core::SimProfile quietProfile() {
    core::SimProfile p = core::demoSimProfile();
    p.faults = {};
    p.timeScale = 0;
    return p;
}

struct RunBench {
    QTemporaryDir dir;
    core::Workspace ws;
    std::unique_ptr<core::SqliteDb> reader;
    std::unique_ptr<core::StoreWriter> writer;
    core::TaskSet tasks;
    std::unique_ptr<core::SimServer> sim;

    RunBench(core::TaskSet set, core::SimProfile profile)
        : ws(core::Workspace::open(dir.filePath("w.db").toStdString()).value()), tasks(std::move(set)) {
        reader = std::move(ws.openReader().value());
        writer = std::make_unique<core::StoreWriter>(ws.takeWriter());
        (void)writer
            ->submit([this](core::SqliteDb& db) -> core::Status {
                auto r = core::saveTaskSet(db, tasks, "test", 1);
                return r ? core::Status{} : std::unexpected(r.error());
            })
            .get();
        core::SimServerOptions options;
        options.threads = 256;
        sim = std::move(
            core::SimServer::start(std::make_shared<core::SimResponder>(std::move(profile), tasks), options).value());
    }

    core::RunInputs inputs() { return {*writer, *reader, core::PriceBook::bundled()}; }
    core::RunEnvironment env() { return {{}, sim->baseUrl(), "test"}; }
    std::unique_ptr<core::SqliteDb> freshReader() { return std::move(ws.openReader().value()); }
    std::vector<core::Call> calls(int64_t run) { return core::loadCalls(*freshReader(), run).value(); }

    /// A run of `strategies` (plus the baselines when asked), without the cache.
    core::Result<core::RunSummary> run(const core::Pool& pool, std::vector<std::string> strategies, bool baselines,
                                       std::optional<core::Money> cap = {}) {
        core::RunSettings settings;
        settings.strategies = std::move(strategies);
        settings.baselines = baselines;
        settings.maxCost = cap;
        settings.useCache = false;
        return core::startRun(inputs(), pool, tasks, settings, env(), {}, {});
    }
};

} // namespace baton::test
