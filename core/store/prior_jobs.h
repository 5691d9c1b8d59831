// SPDX-License-Identifier: MIT
#pragma once
/// The jobs (strategy, item) that earlier runs on a task set answered completely, per run, so an
/// estimate can tell which jobs of a new run the response cache will answer. Errors: the database's.

#include "store/sqlite_db.h"

#include <map>
#include <set>
#include <string>
#include <utility>

namespace baton::core {

using JobKey = std::pair<std::string, std::string>; ///< (strategy or baseline model, item id)

/// Run id -> the jobs it completed, for every run on the task set `taskSetHash`.
Result<std::map<int64_t, std::set<JobKey>>> completedJobs(SqliteDb& db, const std::string& taskSetHash);

} // namespace baton::core
