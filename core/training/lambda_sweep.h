// SPDX-License-Identifier: MIT
#pragma once
/// A lambda sweep: one coordinator policy trained per lambda on the same splits, so that their
/// test points can be drawn on the cost-quality plane next to the single models. The budget is
/// one cap for the whole sweep: each training gets what the earlier ones left, so the sweep never
/// spends more than it. Later trainings ask mostly what earlier ones asked, which the workspace's
/// response cache answers without a request.

#include "eval/run_report.h"
#include "training/coordinator_training.h"

namespace baton::core {

using SweepProgress = std::function<void(double lambda, const GenerationPoint&)>;
/// Called after each training, before the next starts (e.g. to save the policy). An error ends
/// the sweep with it.
using SweepTrained = std::function<Status(TrainingReport&)>;

/// What a sweep trained, and what ended it if something failed.
struct SweepOutcome {
    std::vector<TrainingReport> reports; ///< every training done (each passed to `trained`: saved)
    std::optional<Error> error;          ///< a failure that ended the sweep; the reports before it stand
};

/// Trains `base` once per lambda (in the order given), `base.name` suffixed "-lambda<L>". Ends
/// early, keeping what was trained, on a stop or when the budget is spent (`stop` and `abort` as
/// for trainCoordinator). A failure (BadInput when there is no lambda, those of trainCoordinator
/// and of `trained`) also ends it, and the trainings before it are kept in the outcome with the
/// error: they were saved, and a caller shows them.
SweepOutcome sweepLambdas(RunInputs inputs, const Pool& pool, const TaskSet& tasks, const TrainingOptions& base,
                          const std::vector<double>& lambdas, const RunEnvironment& env, std::stop_token stop,
                          SweepProgress progress, SweepTrained trained, std::stop_token abort = {});

/// The sweep on the cost-quality plane of its test items: each trained policy a strategy named
/// by its policy, each pool model answering alone a baseline (from the first training: every
/// training of a sweep splits the items alike), accuracy with its Wilson interval, and the
/// frontier over all of them. Policies whose test rollouts are partial are left out; one with a
/// call of unknown cost has no total cost (drawn at its known cost, a lower bound) and is not on
/// the frontier.
RunReport sweepCostQuality(const std::vector<TrainingReport>& reports);

/// 0.05 -> "0.05" (printf's %g: no trailing zeros).
std::string lambdaText(double lambda);
/// "coordinator-ultra" and 0.05 -> "coordinator-ultra-lambda0.05".
std::string sweepPolicyName(const std::string& base, double lambda);

/// A sweep's lambdas as a person types them ("0.02, 0.05,0.1"), in the order given: plain decimal
/// numbers (no hex, inf or nan) from 0 to 1e6, separated by commas, with spaces around each
/// allowed. Two that lambdaText cannot tell apart (0.1 and 0.1000001) are refused: their policies
/// would share a name. `baton-cli coordinator train --lambda` and the Training lab both read
/// theirs with it. Errors: BadInput naming the entry at fault.
Result<std::vector<double>> parseLambdaList(std::string_view text);

} // namespace baton::core
