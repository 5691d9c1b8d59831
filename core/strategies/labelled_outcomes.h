// SPDX-License-Identifier: MIT
#pragma once
/// LabelledOutcomes: what each pool model scored and cost on items seen before (a baseline run
/// in the workspace): the data similarity routing and the cascade optimiser learn from.

#include "store/sqlite_db.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace baton::core {

struct LabelledItem {
    std::string itemId;
    std::string prompt;
    std::string category;
    std::map<std::string, double> grade;       ///< model -> grade
    std::map<std::string, double> costUsd;     ///< model -> cost (known costs only)
    std::map<std::string, std::string> answer; ///< model -> its answer
};

struct LabelledOutcomes {
    int64_t runId = 0;
    std::vector<LabelledItem> items;
};

/// From run `runId`, or the latest run that has baseline outcomes for every one of `models`.
/// Errors: NotFound when there is none (run the baselines first).
Result<LabelledOutcomes> loadLabelledOutcomes(SqliteDb& db, const std::vector<std::string>& models,
                                              std::optional<int64_t> runId);

} // namespace baton::core
