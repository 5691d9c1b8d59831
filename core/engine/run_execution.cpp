// SPDX-License-Identifier: MIT
#include "engine/run_execution.h"
#include "eval/grader.h"
#include "providers/endpoint.h"
#include "store/prior_calls.h"
#include "store/run_store.h"

namespace baton::core {

RunExecution::RunExecution(RunInputs inputs, const Pool& pool, const TaskSet& tasks, RunSettings settings,
                           RunEnvironment env, int64_t runId, std::vector<NamedStrategy> strategies,
                           std::set<std::pair<std::string, std::string>> finished, PriorLog prior, std::stop_token stop,
                           ProgressFn progress)
    : m_inputs(inputs), m_pool(pool), m_tasks(tasks), m_settings(std::move(settings)), m_env(std::move(env)),
      m_runId(runId), m_strategies(std::move(strategies)), m_progress(std::move(progress)),
      m_external(stop, std::function<void()>([this] { m_stop.request_stop(); })), m_logger(inputs.writer),
      m_budget(m_settings.maxCost, m_settings.maxCalls) {
    // Item-major order: every strategy and baseline of an item is dispatched together, so the
    // per-model limits of all models fill at once (strategy-major kept ~7.5 of 64 slots busy),
    // and a partial run holds the same items for every strategy, so it still compares fairly.
    m_finishedBefore.assign(m_tasks.items.size() * m_strategies.size(), false);
    if (!finished.empty())
        for (size_t i = 0, job = 0; i < m_tasks.items.size(); ++i)
            for (size_t s = 0; s < m_strategies.size(); ++s, ++job)
                if (finished.count({m_tasks.items[i].id, m_strategies[s].name})) {
                    m_finishedBefore[job] = true;
                    ++m_summary.skipped;
                }
    m_toRun = int64_t(m_finishedBefore.size()) - m_summary.skipped;
    if (m_settings.useCache) m_cache = std::make_unique<ResponseCache>(inputs.reader, m_logger);
    CallerSettings cs;
    cs.runId = runId;
    cs.prices = &inputs.prices;
    cs.resolveKey = m_env.resolveKey;
    cs.baseUrlFor = [env = m_env](const ModelSpec& m) { return baseUrlFor(m, env.simBaseUrl); };
    cs.simIdentity = m_env.simIdentity;
    cs.timeouts = m_settings.timeouts;
    cs.perModelConcurrency = m_settings.perModelConcurrency;
    cs.seed = m_settings.seed;
    cs.stream = m_settings.stream;
    m_caller = std::make_unique<ModelCaller>(m_loop, m_logger, m_budget, m_cache.get(), cs, m_stop.get_token());
    m_embeddings = std::make_unique<RunEmbeddingCache>(inputs.reader, m_logger);
    m_caller->useEmbeddingCache(m_embeddings.get());
    m_budget.carryOver(prior.spent);
    m_caller->setPriorLog(std::move(prior));
}

RunExecution::~RunExecution() = default;

Result<RunSummary> RunExecution::execute() {
    m_summary.runId = m_runId;
    m_summary.jobs = m_toRun + m_summary.skipped;
    m_started = std::chrono::steady_clock::now();
    std::stop_callback onCancel(m_stop.get_token(), [this] { m_loop.post([this] { m_caller->cancelAll(); }); });
    auto finished = m_done.get_future();
    m_loop.post([this] { startMore(); });
    finished.wait();

    m_summary.spent = m_budget.spent();
    m_summary.unknownCostCalls = m_budget.unknownCostCalls();
    m_summary.httpRequests = m_caller->httpRequests();
    bool allDone = m_summary.completed + m_summary.failed + m_summary.skipped == m_summary.jobs;
    RunStatus status = allDone ? RunStatus::Completed : RunStatus::Cancelled;
    if (m_stop.stop_requested() && m_summary.stopReason.empty()) m_summary.stopReason = "cancelled";
    m_logger.submit([id = m_runId, status, why = allDone ? std::string() : m_summary.stopReason](SqliteDb& db) {
        auto ok = updateRunStatus(db, id, status);
        return ok ? recordStopReason(db, id, why) : ok; // the run's record says why it stopped
    });
    if (auto ok = m_logger.flush(); !ok) {
        m_summary.status = "failed";
        return fail(ok.error().kind, "run " + std::to_string(m_runId) +
                                         " stopped: the workspace could not be written: " + ok.error().message);
    }
    m_summary.status = toString(status);
    return m_summary;
}

void RunExecution::stopDispatch(std::string reason) {
    if (!m_dispatching) return;
    m_dispatching = false;
    if (m_summary.stopReason.empty()) m_summary.stopReason = std::move(reason);
}

void RunExecution::startMore() {
    if (m_doneSet) return; // queued wake-ups after the end; the caller owns the logger again
    if (auto error = m_logger.firstError()) {
        stopDispatch("the workspace could not be written: " + error->message);
        m_stop.request_stop();
    }
    if (m_stop.stop_requested()) stopDispatch("cancelled");
    Job job{};
    while (m_dispatching && m_running < m_settings.concurrency && nextJob(job)) {
        ++m_running;
        runJob(job).detach([](int) {});
    }
    if (m_running == 0 && (!m_dispatching || m_next == m_finishedBefore.size()) && !m_doneSet) {
        m_doneSet = true;
        m_done.set_value();
    }
}

bool RunExecution::nextJob(Job& job) {
    while (m_next < m_finishedBefore.size() && m_finishedBefore[m_next])
        ++m_next;
    if (m_next == m_finishedBefore.size()) return false;
    job = {&m_tasks.items[m_next / m_strategies.size()], m_next % m_strategies.size()};
    ++m_next;
    return true;
}

Async<int> RunExecution::runJob(Job job) {
    const NamedStrategy& strategy = m_strategies[job.strategy];
    StrategyContext ctx(*m_caller, m_pool, strategy.name, *job.item);
    auto answering = strategy.strategy->answer(ctx); // named: see Async in run/async.h
    StrategyResult result = co_await answering;
    jobDone(job, result, ctx);
    --m_running;
    // Later, not inside this coroutine's final steps, so the frame is gone before new jobs start.
    m_loop.post([this] { startMore(); });
    co_return 0;
}

void RunExecution::jobDone(const Job& job, const StrategyResult& result, const StrategyContext& ctx) {
    Outcome o;
    o.runId = m_runId;
    o.itemId = job.item->id;
    o.strategy = m_strategies[job.strategy].name;
    o.answer = result.answer;
    o.cost = ctx.cost();
    o.latencyMs = ctx.latencyMs();
    o.callCount = ctx.calls();
    if (result.incomplete) {
        o.status = OutcomeStatus::Incomplete;
        ++m_summary.incomplete;
        if (m_budget.refusedAny())
            stopDispatch(m_budget.lastRefusal() == BudgetGuard::Refusal::CallCap ? "the call cap (--max-calls) was reached"
                                                                                 : "the budget cap was reached");
    } else if (!result.error.empty()) {
        o.status = OutcomeStatus::Failed;
        o.grade = 0; // no answer counts as a wrong answer
        ++m_summary.failed;
    } else {
        o.status = OutcomeStatus::Complete;
        o.grade = grade(m_tasks.graderFor(*job.item), result.answer, job.item->references).score;
        ++m_summary.completed;
    }
    m_logger.submit([o](SqliteDb& db) { return insertOutcome(db, o); });

    // The same error again and again (a bad key, a wrong URL) stops the run instead of repeating it.
    if (!result.error.empty() && result.error == m_lastError)
        ++m_sameErrorRun;
    else
        m_sameErrorRun = result.error.empty() ? 0 : 1;
    m_lastError = result.error;
    if (m_sameErrorRun >= m_settings.maxSameErrorRepeats)
        stopDispatch(std::to_string(m_sameErrorRun) + " items in a row failed with: " + result.error);
    report();
}

void RunExecution::report() {
    if (!m_progress) return;
    RunProgress p;
    p.done = m_summary.completed + m_summary.failed + m_summary.incomplete;
    p.total = m_toRun;
    p.failed = m_summary.failed;
    p.incomplete = m_summary.incomplete;
    p.spent = m_budget.spent();
    p.reserved = m_budget.reserved();
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    p.etaSeconds = p.done ? elapsed / double(p.done) * double(p.total - p.done) : 0;
    m_progress(p);
}

} // namespace baton::core
