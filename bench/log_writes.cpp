// SPDX-License-Identifier: MIT
// Call-log writes through Baton's own path (StoreWriter, content-addressed texts, one call row),
// as a run logs them: prints calls per second and CPU per call as one JSON line, to be read next
// to the sqlite3 CLI's bulk insert of the same rows (sqlite_bulk_insert.sh).
//
// bench_log_writes DB N

#include "model/call.h"
#include "store/call_log.h"
#include "store/store_writer.h"
#include "store/call_texts.h"
#include "store/workspace.h"

#include <chrono>
#include <cstdio>
#include <deque>
#include <string>
#include <sys/resource.h>

using namespace baton::core;

namespace {

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s DB N\n", argv[0]);
        return 2;
    }
    long n = std::stol(argv[2]);
    auto ws = Workspace::open(argv[1]);
    if (!ws) {
        std::fprintf(stderr, "%s\n", ws.error().describe().c_str());
        return 1;
    }
    StoreWriter writer(ws->takeWriter());
    int64_t runId = 0;
    (void)writer
        .submit([&](SqliteDb& db) -> Status {
            auto id = insertRun(db, Run{});
            if (id) runId = *id;
            return id ? Status{} : std::unexpected(id.error());
        })
        .get();
    double cpu0 = cpuSeconds();
    auto wall0 = std::chrono::steady_clock::now();
    std::deque<std::future<Status>> pending;
    long failed = 0;
    for (long i = 0; i < n; ++i) {
        Call c;
        c.runId = runId;
        c.itemId = "item-" + std::to_string(i);
        c.strategy = "single";
        c.nodeId = "0";
        c.model = "sim/mini";
        c.status = CallStatus::Ok;
        c.cost = Money{1000 + i};
        c.usage = TokenUsage::fromOpenAi(120, 0, 40, 0);
        std::string request = R"({"model":"sim/mini","messages":[{"role":"user","content":"What is )" +
                              std::to_string(i) + R"( x 25? End your reply with: The answer is <answer>."}]})";
        std::string response = R"({"choices":[{"message":{"content":"... The answer is )" + std::to_string(i * 25) +
                               R"(."}}],"usage":{"prompt_tokens":120,"completion_tokens":40}})";
        pending.push_back(writer.submit([c, request, response](SqliteDb& db) mutable -> Status {
            auto rq = putCallText(db, request);
            auto rs = putCallText(db, response);
            if (!rq || !rs) return std::unexpected(!rq ? rq.error() : rs.error());
            c.requestHash = *rq;
            c.responseHash = *rs;
            return insertCall(db, c);
        }));
        while (pending.size() > 4096) { // a run keeps a bounded backlog too
            failed += pending.front().get() ? 0 : 1;
            pending.pop_front();
        }
    }
    for (auto& f : pending)
        failed += f.get() ? 0 : 1;
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    double cpu = cpuSeconds() - cpu0;
    std::printf("{\"client\":\"baton-store-writer\",\"calls\":%ld,\"failed\":%ld,\"commits\":%zu,\"wall_s\":%.4f,"
                "\"cpu_s\":%.4f,\"cpu_us_per_call\":%.2f,\"calls_per_s\":%.0f}\n",
                n, failed, writer.commitCount(), wall, cpu, cpu * 1e6 / double(std::max(1L, n)),
                double(n) / std::max(wall, 1e-9));
    return failed == 0 ? 0 : 1;
}
