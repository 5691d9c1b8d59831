// SPDX-License-Identifier: MIT
#pragma once
/// RunExecution: one pass over a run's jobs on a private event loop. Internal to the engine.

#include "engine/run_engine.h"
#include "strategies/strategy_factory.h"

#include <chrono>
#include <future>
#include <set>

namespace baton::core {

class RunExecution {
public:
    RunExecution(RunInputs inputs, const Pool& pool, const TaskSet& tasks, RunSettings settings, RunEnvironment env,
                 int64_t runId, std::vector<NamedStrategy> strategies,
                 std::set<std::pair<std::string, std::string>> finished, PriorLog prior, std::stop_token stop,
                 ProgressFn progress);
    ~RunExecution();

    /// Runs every job not yet finished; blocks until done, cancelled or stopped.
    Result<RunSummary> execute();

private:
    struct Job {
        const TaskItem* item;
        size_t strategy;
    };
    /// The next job not finished by an earlier pass, item-major; false past the last.
    bool nextJob(Job& job);
    void startMore();          // loop thread
    Async<int> runJob(Job job); // loop thread
    void jobDone(const Job& job, const StrategyResult& result, const StrategyContext& ctx);
    void stopDispatch(std::string reason);
    void report();

    RunInputs m_inputs;
    const Pool& m_pool;
    const TaskSet& m_tasks;
    RunSettings m_settings;
    RunEnvironment m_env;
    int64_t m_runId;
    std::vector<NamedStrategy> m_strategies;
    // The jobs are items x strategies, dispatched in that order (a list of them took 16 bytes a
    // job: 11.5 MB of a 1M-call run's memory). One bit per job says it was finished before.
    std::vector<bool> m_finishedBefore;
    size_t m_next = 0;         ///< item * strategies + strategy of the next job to consider
    int64_t m_toRun = 0;       ///< the jobs this pass runs
    int m_running = 0;
    bool m_dispatching = true;
    RunSummary m_summary;
    std::string m_lastError;
    int m_sameErrorRun = 0;
    std::chrono::steady_clock::time_point m_started;
    ProgressFn m_progress;
    std::promise<void> m_done;
    bool m_doneSet = false;

    std::stop_source m_stop;
    std::stop_callback<std::function<void()>> m_external;
    CallLogger m_logger;
    BudgetGuard m_budget;
    std::unique_ptr<ResponseCache> m_cache;
    std::unique_ptr<RunEmbeddingCache> m_embeddings; // always used: vectors are features, not answers
    std::unique_ptr<ModelCaller> m_caller; // built in the constructor body, once the loop exists
    HttpEventLoop m_loop; // declared last: destroyed (joined) first, while everything it may call still lives
};

} // namespace baton::core
