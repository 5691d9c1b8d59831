// SPDX-License-Identifier: MIT
#pragma once
/// A CoordinatorPolicy as a workspace object: saved as the next version of its name, read back
/// by "name" or "name@version", exported and imported as a JSON file.

#include "store/policy_store.h"
#include "strategies/coordinator_policy.h"

namespace baton::core {

/// Saves `policy` as the next version of its name; returns the version. Errors: the database's.
Result<int> saveCoordinatorPolicy(SqliteDb& db, const CoordinatorPolicy& policy, int64_t nowMs);
/// Errors: NotFound (see loadPolicy), BadInput when the stored body is not a usable policy.
Result<CoordinatorPolicy> loadCoordinatorPolicy(SqliteDb& db, const std::string& name, std::optional<int> version);
/// Writes the policy's JSON to `path` (atomically). Errors: Io.
Status exportCoordinatorPolicy(const CoordinatorPolicy& policy, const std::string& path);
/// Errors: NotFound, Io, BadInput with the JSON path of every problem.
Result<CoordinatorPolicy> importCoordinatorPolicy(const std::string& path);

} // namespace baton::core
