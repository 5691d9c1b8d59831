// SPDX-License-Identifier: MIT
#pragma once
/// Trained routers in the workspace (table `routers`, schema v5): one row per version of a name,
/// the descriptive columns as JSON text and the trained model itself as JSON in `body`. The store
/// knows nothing of learners: `learn/router_artifact` turns a row into a router and back.

#include "store/sqlite_db.h"

#include <optional>
#include <string>
#include <vector>

namespace baton::core {

struct StoredRouter {
    std::string name;
    int version = 0; ///< assigned by saveRouter: 1 + the name's latest
    int64_t createdAtMs = 0;
    std::string learner;
    std::string features, models, calibration; ///< JSON text
    std::string trainingDataHash;
    std::string metrics, parameters; ///< JSON text
    std::string body;                ///< JSON text; empty in listRouters' rows
};

/// Inserts `router` as the next version of its name and returns that version.
/// Errors: BadInput for an empty name or one with '@'; Io from SQLite.
Result<int> saveRouter(SqliteDb& db, const StoredRouter& router);
/// `version` nullopt: the latest. Errors: NotFound naming what was asked and what exists.
Result<StoredRouter> loadRouter(SqliteDb& db, const std::string& name, std::optional<int> version);
/// Every version of every router, by name then version, without bodies.
Result<std::vector<StoredRouter>> listRouters(SqliteDb& db);

} // namespace baton::core
