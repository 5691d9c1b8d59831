// SPDX-License-Identifier: MIT
// Helper for tst_store_crash: writes call rows through the StoreWriter forever, printing
// "committed N" once rows 0..N are committed. The test kills it with SIGKILL at random moments.

#include "store/call_log.h"
#include "store/store_writer.h"
#include "store/workspace.h"

#include <cstdio>
#include <vector>

using namespace baton::core;

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    auto ws = Workspace::open(argv[1]);
    if (!ws) {
        std::fprintf(stderr, "%s\n", ws.error().describe().c_str());
        return 1;
    }
    int64_t next = ws->writer()->queryInt("SELECT COUNT(*) FROM calls").value_or(0);
    StoreWriter writer(ws->takeWriter(), 64);
    (void)writer
        .submit([](SqliteDb& db) -> Status {
            if (db.queryInt("SELECT COUNT(*) FROM runs").value_or(0) > 0) return {};
            auto run = insertRun(db, Run{});
            return run ? Status{} : std::unexpected(run.error());
        })
        .get();
    for (;;) {
        std::vector<std::future<Status>> batch;
        for (int i = 0; i < 50; ++i, ++next) {
            Call c;
            c.runId = 1;
            c.itemId = "item-" + std::to_string(next);
            c.strategy = "single";
            c.nodeId = "0";
            c.model = "m";
            c.status = CallStatus::Ok;
            c.cost = Money{next};
            batch.push_back(writer.submit([c](SqliteDb& db) { return insertCall(db, c); }));
        }
        for (auto& f : batch)
            if (!f.get()) return 1;
        std::printf("committed %lld\n", static_cast<long long>(next - 1));
        std::fflush(stdout);
    }
}
