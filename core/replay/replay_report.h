// SPDX-License-Identifier: MIT
#pragma once
/// replay(): everything the Replay lab and `baton-cli replay` show for one matrix, computed
/// offline with zero calls: per-model figures, the oracle, the baselines' frontier and AIQ, the
/// random mix of the cheapest and the most accurate model, and a 100-point curve per strategy
/// (scored on a held-out split, stratified by category) with its AIQ and, for a weak/strong pair,
/// APGR and CPT(50%), CPT(80%).

#include <cmath>
#include "eval/frontier.h"
#include "replay/model_stats.h"
#include "replay/route_replay.h"
#include "util/result.h"

#include <functional>
#include <map>
#include <stop_token>
#include <string>
#include <vector>

namespace baton::core {

struct ReplayOptions {
    std::vector<std::string> strategies = {"similarity"}; ///< similarity, cascade, rules
    double testShare = 0.3;
    uint64_t seed = 1;
    size_t k = 10;
    std::string weak, strong;                ///< empty: the two models, when there are two
    std::vector<std::string> cascadeChain;   ///< empty: models by mean cost
    std::string cascadeScorer;               ///< empty: the matrix's first scorer
    std::map<std::string, std::string> rules; ///< category -> model; empty: the best model per category on train
    int curvePoints = 100;
};

struct ReplayCurve {
    std::string strategy;
    std::vector<RoutePoint> points;
    double aiq = NAN, apgr = NAN, cpt50 = NAN, cpt80 = NAN;
};

struct ReplayReport {
    size_t items = 0, completeItems = 0, trainItems = 0, testItems = 0;
    std::vector<ModelStats> models;     ///< every item, each model on its own cells
    RoutePoint oracle;                  ///< on the complete items
    std::vector<RoutePoint> baselines;  ///< each model on the test items
    RoutePoint testOracle;
    std::vector<CurvePoint> baselineHull;
    double baselineAiq = NAN;
    std::vector<CurvePoint> randomMix;
    std::string costAxis; ///< "usd" or "strong-share"
    std::string weak, strong;
    std::vector<ReplayCurve> curves;
    std::vector<std::string> notes;
};

using ReplayProgressFn = std::function<void(int done, int total)>;

/// Errors: BadInput for an unknown strategy or model, a cascade without scorer values, a matrix
/// without complete items. Cancelled work returns BadInput "cancelled".
Result<ReplayReport> replay(const OutcomeMatrix& matrix, const ReplayOptions& options, std::stop_token stop = {},
                            const ReplayProgressFn& progress = {});

} // namespace baton::core
