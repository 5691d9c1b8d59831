// SPDX-License-Identifier: MIT
#include "store/prior_jobs.h"

namespace baton::core {

Result<std::map<int64_t, std::set<JobKey>>> completedJobs(SqliteDb& db, const std::string& taskSetHash) {
    auto stmt = db.prepare("SELECT o.run_id, o.strategy, o.item_id FROM outcomes o JOIN runs r ON r.id = o.run_id "
                           "WHERE r.task_set_hash = ? AND o.status = 'complete'");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, taskSetHash);
    std::map<int64_t, std::set<JobKey>> jobs;
    Result<bool> row;
    while ((row = stmt->step()) && *row)
        jobs[stmt->columnOptInt(0).value_or(0)].insert({stmt->columnText(1), stmt->columnText(2)});
    if (!row) return std::unexpected(row.error());
    return jobs;
}

} // namespace baton::core
