// SPDX-License-Identifier: MIT
#pragma once
/// Coordinator policies in the workspace: versioned objects, each saved once and never edited;
/// saving a policy under an existing name makes its next version.

#include "store/sqlite_db.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace baton::core {

struct StoredPolicy {
    std::string name;
    int version = 0;
    std::string tier;
    double lambda = 0;
    std::string contentHash, trainingDataHash;
    nlohmann::json body;
    int64_t createdAtMs = 0;
};

/// Saves `policy` (its body's "version" is set) as the next version of its name; returns it.
/// Errors: the database's.
Result<int> savePolicy(SqliteDb& db, StoredPolicy policy);
/// `version` nullopt: the latest. Errors: NotFound naming the policy and the versions there are.
Result<StoredPolicy> loadPolicy(SqliteDb& db, const std::string& name, std::optional<int> version);
/// Every version of every policy, by name then version.
Result<std::vector<StoredPolicy>> listPolicies(SqliteDb& db);

} // namespace baton::core
