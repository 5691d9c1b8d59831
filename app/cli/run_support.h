// SPDX-License-Identifier: MIT
#pragma once
// What `baton-cli run` needs around the engine: keys from the environment, the in-process
// simulator for pools of simulated models, Ctrl+C as a cancel, progress on a terminal.

#include "model/pool.h"
#include "model/task_set.h"
#include "engine/run_engine.h"
#include "pools/pool_file.h"
#include "sim/sim_server.h"
#include "store/store_writer.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace baton::cli {

/// A pool file, or "demo" for the bundled demo pool.
core::Result<core::LoadedPool> loadPoolArg(const std::string& path);
/// A task file (JSONL or CSV), or "demo" for the generated demo task set.
core::Result<core::TaskSet> loadTasksArg(const std::string& path);

/// Saves the task set in the workspace (once per content) through its writer; `source` says where
/// it came from (a file path).
core::Status saveTaskSet(core::StoreWriter& writer, const core::TaskSet& tasks, const std::string& source);

/// Keys from the environment only: env:NAME from NAME, keychain:NAME from BATON_KEY_NAME.
core::KeyResolver environmentKeys();

/// Starts the simulator when the pool has models of provider "sim" (null when it has none) and
/// fills in the environment's simulator URL and identity. The simulator shares `tasks`.
core::Result<std::unique_ptr<core::SimServer>> simulatorFor(const core::Pool& pool,
                                                            std::shared_ptr<const core::TaskSet> tasks,
                                                            const std::optional<std::string>& profilePath,
                                                            core::RunEnvironment& env);

/// SIGINT/SIGTERM request a stop of the run instead of killing the process, and `message` is
/// printed on stderr; undone on destruction. A signal already pending (sent before this was made,
/// while the signal was blocked) is taken at once, so the first check of the token sees it.
class StopOnSignal {
public:
    explicit StopOnSignal(std::string message = "stopping; finished calls are kept and the run can be resumed");
    ~StopOnSignal();
    std::stop_token token() const { return m_source.get_token(); }
    /// Called after each signal with how many have come so far (1 for the first), from the
    /// watcher's thread; an empty function clears it (before what it uses is destroyed).
    void setFollowUp(std::function<void(int signals)> followUp);

private:
    std::string m_message;
    std::mutex m_followUpMutex;
    std::function<void(int)> m_followUp; // guarded by m_followUpMutex
    int m_signals = 0;                   // guarded by m_followUpMutex
    std::stop_source m_source;
    std::atomic<bool> m_done{false};
    std::thread m_watcher;
};

/// Another process (a `tasks import`, a run, the workbench) holding the workspace's write lock:
/// says so once per wait on stderr, and a stop by Ctrl+C or SIGTERM ends the wait. With
/// `paidCalls` set (a run under way) the first signal only stops the run: the calls already
/// answered still wait to be stored, which is said, and a second signal gives them up. Undone on
/// destruction; declare it after the writer and the signals.
class LockWaitOnStop {
public:
    LockWaitOnStop(core::StoreWriter& writer, StopOnSignal& signals, const std::string& db,
                   const std::atomic<bool>* paidCalls = nullptr);
    ~LockWaitOnStop();

private:
    StopOnSignal& m_signals;
};

/// A warning on stderr when the calls the run may have in flight need more open files than the
/// process may hold (`ulimit -n`): at `--concurrency 256` under `ulimit -n 64` every call beyond
/// the limit failed as "Couldn't connect to server" and the run stopped saying only that.
void warnIfFewDescriptors(const core::RunSettings& settings, size_t models, bool simulated);

/// Progress on stderr, one rewritten line, only when stderr is a terminal.
core::ProgressFn terminalProgress();

} // namespace baton::cli
