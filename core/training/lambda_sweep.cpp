// SPDX-License-Identifier: MIT
#include "training/lambda_sweep.h"

#include <cstdio>

namespace baton::core {

std::string lambdaText(double lambda) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", lambda);
    return text;
}

std::string sweepPolicyName(const std::string& base, double lambda) {
    return base + "-lambda" + lambdaText(lambda);
}

Result<std::vector<TrainingReport>> sweepLambdas(RunInputs inputs, const Pool& pool, const TaskSet& tasks,
                                                 const TrainingOptions& base, const std::vector<double>& lambdas,
                                                 const RunEnvironment& env, std::stop_token stop,
                                                 SweepProgress progress, SweepTrained trained, std::stop_token abort) {
    if (lambdas.empty()) return fail(ErrorKind::BadInput, "a lambda sweep needs at least one lambda");
    std::vector<TrainingReport> reports;
    Money spent;
    for (double lambda : lambdas) {
        if (stop.stop_requested() || abort.stop_requested()) break;
        TrainingOptions options = base;
        options.name = sweepPolicyName(base.name, lambda);
        options.lambda = lambda;
        if (base.budget) {
            if (spent >= *base.budget) break;
            options.budget = *base.budget - spent;
        }
        auto report = trainCoordinator(
            inputs, pool, tasks, options, env, stop,
            [&](const GenerationPoint& p) { progress ? progress(lambda, p) : void(); }, abort);
        if (!report) return std::unexpected(report.error());
        spent += report->spent;
        if (trained)
            if (auto ok = trained(*report); !ok) return std::unexpected(ok.error());
        // Anything but an early stop (a cancel, the budget) ends the whole sweep.
        bool ended = !report->stopReason.empty() && !report->stopReason.starts_with("early stop");
        reports.push_back(std::move(*report));
        if (ended) break;
    }
    return reports;
}

} // namespace baton::core
