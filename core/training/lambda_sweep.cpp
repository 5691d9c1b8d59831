// SPDX-License-Identifier: MIT
#include "training/lambda_sweep.h"
#include "eval/statistics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
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

Result<std::vector<double>> parseLambdaList(std::string_view text) {
    const std::string rule = "lambdas are numbers from 0 to 1000000, each once, separated by commas";
    std::vector<double> out;
    size_t start = 0;
    while (true) {
        size_t comma = std::min(text.find(',', start), text.size());
        std::string_view part = text.substr(start, comma - start);
        while (!part.empty() && (part.front() == ' ' || part.front() == '\t')) part.remove_prefix(1);
        while (!part.empty() && (part.back() == ' ' || part.back() == '\t')) part.remove_suffix(1);
        if (part.empty())
            return fail(ErrorKind::BadInput, rule + "; \"" + std::string(text) + "\" has an empty entry");
        // from_chars alone would take "inf", "nan" and a leading '+' is not its business either.
        double v = 0;
        std::string_view digits = part.front() == '+' && part.size() > 1 ? part.substr(1) : part;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        bool plain = part.find_first_not_of("0123456789.eE+-") == std::string_view::npos;
        if (!plain || ec != std::errc() || end != digits.data() + digits.size() || !(v >= 0 && v <= 1e6))
            return fail(ErrorKind::BadInput, rule + "; \"" + std::string(part) + "\" is not one of them");
        for (double other : out)
            if (lambdaText(other) == lambdaText(v))
                return fail(ErrorKind::BadInput,
                            "the lambdas " + lambdaText(other) + " and " + std::string(part) +
                                " would name the same policy (NAME-lambda" + lambdaText(v) +
                                ": a policy is named by its lambda's first 6 significant digits); give each once");
        out.push_back(v);
        if (comma == text.size()) return out;
        start = comma + 1;
    }
}

namespace {

StrategyMetrics pointOf(const std::string& name, bool baseline, const RolloutFigures& f) {
    StrategyMetrics m;
    m.name = name;
    m.baseline = baseline;
    m.items = f.items;
    m.accuracy = f.accuracy;
    m.accuracyCi = wilsonInterval(int64_t(std::llround(f.accuracy * f.items)), f.items);
    m.knownCost = Money::fromUsd(f.costPerItem * f.items);
    if (f.costUnknownItems == 0) { // else drawn at its known cost, a lower bound, hollow, off the frontier
        m.totalCost = m.knownCost;
        m.costPerItem = Money::fromUsd(f.costPerItem);
    } else {
        m.unknownCostCalls = f.costUnknownItems;
    }
    m.callsPerItem = f.callsPerItem;
    return m;
}

} // namespace

RunReport sweepCostQuality(const std::vector<TrainingReport>& reports) {
    RunReport out;
    if (reports.empty()) return out;
    for (const auto& [model, figures] : reports.front().singleModelsTest)
        if (!figures.incomplete && figures.items > 0) out.strategies.push_back(pointOf(model, true, figures));
    for (const auto& r : reports)
        if (!r.test.incomplete && r.test.items > 0) out.strategies.push_back(pointOf(r.policy.id(), false, r.test));
    std::vector<CurvePoint> points;
    for (const auto& m : out.strategies)
        if (m.costPerItem) points.push_back({m.costPerItem->usd(), m.accuracy, m.name});
    out.frontier = nonDecreasingHull(std::move(points));
    return out;
}

SweepOutcome sweepLambdas(RunInputs inputs, const Pool& pool, const TaskSet& tasks, const TrainingOptions& base,
                          const std::vector<double>& lambdas, const RunEnvironment& env, std::stop_token stop,
                          SweepProgress progress, SweepTrained trained, std::stop_token abort) {
    SweepOutcome out;
    if (lambdas.empty()) {
        out.error = fail(ErrorKind::BadInput, "a lambda sweep needs at least one lambda").error();
        return out;
    }
    std::vector<TrainingReport>& reports = out.reports;
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
        if (!report) {
            out.error = report.error();
            break;
        }
        spent += report->spent;
        if (trained)
            if (auto ok = trained(*report); !ok) {
                out.error = ok.error(); // not saved: not kept
                break;
            }
        // Anything but an early stop (a cancel, the budget) ends the whole sweep.
        bool ended = !report->stopReason.empty() && !report->stopReason.starts_with("early stop");
        reports.push_back(std::move(*report));
        if (ended) break;
    }
    return out;
}

} // namespace baton::core
