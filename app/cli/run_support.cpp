// SPDX-License-Identifier: MIT
#include "run_support.h"
#include "sim/demo_tasks.h"
#include "sim/run_simulator.h"
#include "io/task_import.h"
#include "store/task_set_store.h"
#include "util/file_io.h"
#include "util/printable.h"
#include "util/resources.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>
#include <unistd.h>

namespace baton::cli {

core::Result<core::LoadedPool> loadPoolArg(const std::string& path) {
    if (path == "demo")
        return core::parsePool(std::string(core::embeddedResource("demo/pool.json").value_or("")), "demo pool");
    return core::loadPoolFile(path);
}

core::Result<core::TaskSet> loadTasksArg(const std::string& path) {
    if (path == "demo") return core::generateDemoTasks();
    auto imported = core::importTasks(path, {});
    if (!imported) return std::unexpected(imported.error());
    return std::move(imported->set);
}

core::Status saveTaskSet(core::StoreWriter& writer, const core::TaskSet& tasks, const std::string& source) {
    return writer
        .submit([&](core::SqliteDb& db) -> core::Status {
            auto saved = core::saveTaskSet(db, tasks, source, core::nowMs());
            return saved ? core::Status{} : std::unexpected(saved.error());
        })
        .get();
}

core::KeyResolver environmentKeys() {
    return [](const core::KeyRef& ref) -> std::optional<std::string> {
        if (ref.kind == core::KeyRef::Kind::None) return std::nullopt;
        const char* value = std::getenv(ref.environmentVariable().c_str());
        return value && *value ? std::optional<std::string>(value) : std::nullopt;
    };
}

core::Result<std::unique_ptr<core::SimServer>> simulatorFor(const core::Pool& pool,
                                                            std::shared_ptr<const core::TaskSet> tasks,
                                                            const std::optional<std::string>& profilePath,
                                                            core::RunEnvironment& env) {
    bool simulated = std::any_of(pool.models.begin(), pool.models.end(),
                                 [](const core::ModelSpec& m) { return m.provider == core::ProviderKind::Sim; });
    if (!simulated) return std::unique_ptr<core::SimServer>();
    std::string profileText;
    if (profilePath) {
        auto text = core::readTextFile(*profilePath);
        if (!text) return std::unexpected(text.error());
        profileText = *text;
    }
    auto sim = core::startRunSimulator(std::move(tasks), profileText, profilePath.value_or("demo sim profile"));
    if (!sim) return std::unexpected(sim.error());
    env.simBaseUrl = sim->server->baseUrl();
    env.simIdentity = sim->identity;
    return std::move(sim->server);
}

StopOnSignal::StopOnSignal(std::string message) : m_message("\nbaton-cli: " + std::move(message) + "\n") {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr); // before any other thread starts, so they inherit it
    timespec now{0, 0};
    if (sigtimedwait(&set, nullptr, &now) > 0) {
        std::fputs(m_message.c_str(), stderr);
        m_source.request_stop();
    }
    m_watcher = std::thread([this, set] {
        timespec tick{0, 200 * 1000 * 1000};
        while (!m_done) {
            if (sigtimedwait(&set, nullptr, &tick) > 0) {
                std::lock_guard lock(m_followUpMutex);
                if (++m_signals == 1) std::fputs(m_message.c_str(), stderr);
                m_source.request_stop();
                if (m_followUp) m_followUp(m_signals);
            }
        }
    });
}

void StopOnSignal::setFollowUp(std::function<void(int)> followUp) {
    std::lock_guard lock(m_followUpMutex);
    m_followUp = std::move(followUp);
}

LockWaitOnStop::LockWaitOnStop(core::StoreWriter& writer, StopOnSignal& signals, const std::string& db,
                               const std::atomic<bool>* paidCalls)
    : m_signals(signals) {
    writer.setLockWaitNotice([db = core::printable(db)] {
        std::fprintf(stderr,
                     "baton-cli: another process is writing to the workspace %s (a tasks import, a run or the "
                     "workbench); waiting for it to finish, up to %d minutes (Ctrl+C stops)\n",
                     db.c_str(), int(core::StoreWriter::kMaxLockWait.count()));
    });
    signals.setFollowUp([&writer, paidCalls](int count) {
        if (count == 1 && paidCalls && *paidCalls) {
            if (writer.waitingForLock())
                std::fputs("baton-cli: the calls answered so far wait to be stored until the other process lets go "
                           "of the workspace; Ctrl+C again stops without storing them (a resume pays for them "
                           "again)\n",
                           stderr);
            return;
        }
        writer.giveUpWaitingForLock();
    });
}

LockWaitOnStop::~LockWaitOnStop() {
    m_signals.setFollowUp({});
}

StopOnSignal::~StopOnSignal() {
    m_done = true;
    m_watcher.join();
}

void warnIfFewDescriptors(const core::RunSettings& settings, size_t models, bool simulated) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
    // A call in flight holds a socket (two with the in-process simulator: its end too); a job has
    // at least one in flight, and a model at most --per-model. The workspace, its log and the
    // rest of the process take a few dozen more.
    int64_t calls = std::min<int64_t>(settings.concurrency, int64_t(settings.perModelConcurrency) * int64_t(models));
    int64_t need = calls * (simulated ? 2 : 1) + 32;
    if (int64_t(limit.rlim_cur) >= need) return;
    std::fprintf(stderr,
                 "baton-cli: warning: %lld calls in flight (--concurrency %d, --per-model %d) may need about %lld open "
                 "files, and this process may open %lld (ulimit -n); calls that find none fail as \"Couldn't "
                 "connect\". Lower --concurrency or raise the limit.\n",
                 (long long)calls, settings.concurrency, settings.perModelConcurrency, (long long)need,
                 (long long)limit.rlim_cur);
}

core::ProgressFn terminalProgress() {
    if (!isatty(STDERR_FILENO)) return {};
    return [](const core::RunProgress& p) {
        std::fprintf(stderr, "\r%lld/%lld done, %lld failed, %lld incomplete, %s spent (+%s reserved), ETA %.0fs   ",
                     (long long)p.done, (long long)p.total, (long long)p.failed, (long long)p.incomplete,
                     core::formatUsd(p.spent).c_str(), core::formatUsd(p.reserved).c_str(), p.etaSeconds);
        if (p.done == p.total) std::fputs("\n", stderr);
    };
}

} // namespace baton::cli
