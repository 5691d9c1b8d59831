// SPDX-License-Identifier: MIT
#pragma once
/// RouterArtifact: a trained router as a versioned workspace object and as a file. It carries the
/// model (learner, features, per-model weights, calibration, expected costs), the hash of the
/// data it was trained on, its held-out metrics, the validation curve that a target resolves
/// against, and the parameters it was trained with (learner settings, split, lambda or target).
///
/// File format: {"format": "baton-router", "format_version": 1, "name", "version", "created_at_ms",
///   "training_data_hash", "metrics", "parameters", "model": {...}}

#include "learn/router_model.h"
#include "matrix/outcome_matrix.h"
#include "store/router_store.h"

#include <nlohmann/json.hpp>
#include <optional>

namespace baton::core {

struct RouterArtifact {
    std::string name;
    int version = 0; ///< 0 until saved
    int64_t createdAtMs = 0;
    RouterModel model;
    std::string trainingDataHash;
    nlohmann::json metrics = nlohmann::json::object();    ///< "test": held-out figures; "validation_curve"
    nlohmann::json parameters = nlohmann::json::object(); ///< "lambda": the chosen operating point, ...

    std::string selector() const { return name + "@" + std::to_string(version); }
    /// The lambda chosen at training (parameters.lambda), 0 when none was.
    double defaultLambda() const;
};

/// sha256 of the models, items, categories, prompts, grades and costs of a matrix.
std::string outcomeMatrixHash(const OutcomeMatrix& matrix);

/// The model alone (weights, idf, calibration, costs) as JSON and back; `where` names it in errors.
nlohmann::json routerModelToJson(const RouterModel& model);
Result<RouterModel> routerModelFromJson(const nlohmann::json& json, const std::string& where);

nlohmann::json routerArtifactToJson(const RouterArtifact& artifact);
/// Errors: BadInput naming the file/field when it is not a Baton router file or is inconsistent.
Result<RouterArtifact> routerArtifactFromJson(const nlohmann::json& json, const std::string& where);

/// "name" (the latest version) or "name@3". Errors: BadInput for a malformed selector.
struct RouterSelector {
    std::string name;
    std::optional<int> version;
};
Result<RouterSelector> parseRouterSelector(const std::string& text);

/// Saves as the next version of its name; sets artifact.version.
Result<int> saveRouterArtifact(SqliteDb& db, RouterArtifact& artifact);
Result<RouterArtifact> loadRouterArtifact(SqliteDb& db, const std::string& selector);

} // namespace baton::core
