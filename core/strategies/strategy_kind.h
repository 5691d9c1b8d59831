// SPDX-License-Identifier: MIT
#pragma once
/// StrategyKind: everything Baton knows about one kind of strategy, in one place: its name, a
/// description and a starting configuration for the UI, whether it needs labelled outcomes, and
/// the reader of its settings, which checks them against the pool (every problem with its JSON
/// path) and yields the worst-case call plan and a builder. Kinds are listed in the registry.

#include "learn/router_artifact.h"
#include "run/strategy.h"
#include "strategies/coordinator_policy.h"
#include "strategies/labelled_outcomes.h"
#include "util/json_reader.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace baton::core {

/// The calls a strategy makes for one item, one entry per call: those it always makes, those it
/// may make besides (escalations, gates), and one call to one of `oneOf` (a router's choice).
struct CallPlan {
    std::vector<const ModelSpec*> always, sometimes, oneOf;
};

/// Finds labelled outcomes for these models (a run id, or the latest suitable run when nullopt).
using LabelLoader =
    std::function<Result<LabelledOutcomes>(const std::vector<std::string>& models, std::optional<int64_t> run)>;

/// Finds a trained router in the workspace by "name" (its latest version) or "name@3".
using RouterLoader = std::function<Result<RouterArtifact>(const std::string& selector)>;
/// Reads a coordinator policy from the workspace: `version` nullopt for the latest. Errors:
/// NotFound naming the policy and the versions there are.
using PolicyLoader = std::function<Result<CoordinatorPolicy>(const std::string& name, std::optional<int> version)>;

/// What building a strategy may need from the workspace.
struct StrategyDeps {
    LabelLoader labels;
    RouterLoader routers;
    PolicyLoader policies;
};

/// A configuration that has been read and checked: ready to estimate and to build.
struct StrategyPlan {
    CallPlan calls;
    /// Errors: BadInput when what the strategy needs is missing (e.g. no labelled outcomes).
    std::function<Result<std::unique_ptr<Strategy>>(const StrategyDeps&)> build;
};

/// Where a strategy's settings are read: the reader collects problems, `path` is the JSON path
/// of the configuration ("/strategies/cheap-first"), `name` its name in the pool.
struct StrategySource {
    JsonReader& reader;
    const Pool& pool;
    const nlohmann::json& settings;
    const std::string& path;
    const std::string& name;
};

struct StrategyKind {
    std::string name;
    std::string description;         ///< one line for the UI
    nlohmann::json settingsTemplate; ///< a starting configuration, without "kind"
    /// Settings that name a pool model (a string) or several (a list): the workbench's form
    /// offers the pool's models for them.
    std::vector<std::string> modelFields;
    /// Settings with a fixed set of values, for the form's choice boxes.
    std::map<std::string, std::vector<std::string>> choiceFields;
    bool needsLabels = false;        ///< needs a baseline run's outcomes of its models
    /// Reads and checks the settings; nullopt when any error was reported.
    std::function<std::optional<StrategyPlan>(const StrategySource&)> read;
};

} // namespace baton::core
