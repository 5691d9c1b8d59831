// SPDX-License-Identifier: MIT
#pragma once
/// Trains a coordinator policy on reward = grade - lambda x cost / reference, where the reference
/// is what the pool's dearest model costs per item answering alone on the training items. The
/// policy's parameters are optimised by CMA-ES (pagmo), one generation at a time: a generation's
/// candidates are played on every training item at once on one event loop, calls memoised so that
/// a repeated rollout costs nothing. The first population holds every pool model answering alone
/// (a warm start: the search begins at the best of them; generation 0 of the curve); after each generation the best
/// candidate is played on the validation items, and training stops early when validation reward has not improved for
/// `patience` generations. The policy kept is the one best on validation. Every call is logged under a training run in
/// the workspace and the training budget is never exceeded; a stop or the budget ends training with the best policy so
/// far.

#include "training/item_splits.h"
#include "training/rollout_evaluator.h"

#include <functional>

namespace baton::core {

struct TrainingOptions {
    std::string name = "coordinator";
    CoordinatorTier tier = CoordinatorTier::Ultra;
    double lambda = 0.5;
    int maxCalls = 6;
    /// 1: one plan per item; 2: the policy may plan a sub-task again (ultra only; the depth is then
    /// a state feature). More is refused: the recursion depth limit is 2.
    int maxDepth = 1;
    /// The state features the policy sees (CoordinatorPolicy::kFeatureSet): 2 adds the turn; 1 is
    /// the set of policies trained before it, kept to train like them for a comparison.
    int featureSet = CoordinatorPolicy::kFeatureSet;
    uint64_t seed = 1;
    int generations = 40;
    int patience = 8;
    int population = 0; ///< 0: CMA-ES's default, 4 + 3 ln(parameters)
    /// The first generation's standard deviation of every parameter, in its units. 40, the width of
    /// the parameters' bounds, is what every training measured in the README used (pagmo's own
    /// scaling made a sigma0 of 1 mean 40). Far from the warm start's parameters (10 to 20) it
    /// explores other policies; at 1 no candidate of the 300-item demo acted unlike the warm start
    /// in 15 generations (no new request).
    double sigma0 = 40;
    int perModelConcurrency = 8; ///< calls in flight per model, as a run's
    std::optional<Money> budget; ///< the training budget cap
    /// The CMA-ES module to open, and only it (empty: where it is installed; BatchedCmaes). Core
    /// never reads the environment: baton-cli and the workbench fill it from kCmaesModuleVariable.
    /// Where the search runs, not what it learns: not in toJson().
    std::string cmaesModule;
    nlohmann::json toJson() const;
};

/// The environment variable that names another CMA-ES module, read by the programs (not by core).
inline constexpr const char* kCmaesModuleVariable = "BATON_CMAES_MODULE";

struct GenerationPoint {
    int generation = 0;
    RolloutFigures train, validation;
    Money spent;
    int64_t httpRequests = 0, asked = 0, memoHits = 0;
    double seconds = 0;
};

struct TrainingReport {
    CoordinatorPolicy policy;           ///< the best on validation, with its training record and metrics
    int64_t runId = 0;                  ///< the training run its calls are logged under
    std::vector<GenerationPoint> curve; ///< from generation 0, the warm start's champion
    int bestGeneration = 0;
    RolloutFigures test, plannerDecidesTest; /// the kept policy and the untrained baseline on the test items
    /// Every pool model answering alone on the test items (pool order): the single-model baselines.
    std::vector<std::pair<std::string, RolloutFigures>> singleModelsTest;
    std::string stopReason; ///< empty when it ran to its last generation
    Money spent;
    int64_t httpRequests = 0, asked = 0, memoHits = 0;
    /// Candidates played one by one instead of in their generation's batch (0 unless pagmo's
    /// dry run of a generation stopped matching the real one; the figures stay right, only slower).
    int64_t candidatesPlayedAlone = 0;
    double seconds = 0;
};

using TrainingProgress = std::function<void(const GenerationPoint&)>;

/// `stop` ends training early: the generation under way is finished, and the best policy so far
/// is kept and played on the test items. `abort` also stops the calls under way (the test figures
/// are then partial). Errors: BadInput (an empty split, a pool model without a price), the
/// workspace's.
Result<TrainingReport> trainCoordinator(RunInputs inputs, const Pool& pool, const TaskSet& tasks,
                                        const TrainingOptions& options, const RunEnvironment& env, std::stop_token stop,
                                        TrainingProgress progress, std::stop_token abort = {});

/// Saves the report's policy in the workspace as the next version of its name, through `writer`,
/// and sets that version in the report. Errors: the workspace's.
Status saveTrainedPolicy(StoreWriter& writer, TrainingReport& report);

} // namespace baton::core
