// SPDX-License-Identifier: MIT
#pragma once
/// The honest measure of a learned router on an outcome matrix: for each seed, a test split
/// (stratified by category) the router never sees, a validation split from the rest for its
/// calibration, and on the test items its 100-point lambda curve next to kNN (similarity routing,
/// learnt on the same training items), rules (category -> model, written from the same training
/// items: replay/category_rules_replay.h), every single model and the random mix: AIQ, and for a
/// weak/strong pair APGR and CPT(50%); bootstrap 95% intervals over test items for the router's
/// APGR and AIQ (and its AIQ over the single models'), and for kNN's and the rules' AIQ.

#include "learn/router_training.h"
#include "replay/route_replay.h"

#include <optional>

namespace baton::core {

struct RouterEvaluationOptions {
    std::vector<uint64_t> seeds = {1, 2, 3, 4, 5};
    double testShare = 0.3, validationShare = 0.2; ///< validation: a share of what is left
    RouterTrainOptions train;
    size_t k = 10;          ///< kNN's neighbours
    bool compareKnn = true; ///< also replay kNN routing (its brute-force neighbours are the slow part)
    bool compareMf = false; ///< also train matrix factorisation (learner "mf") on the same split
    bool compareRules = true; ///< also replay category rules written from the same training items
    std::string weak, strong; ///< empty: the two models of a two-model matrix
    int points = 100;
    int bootstrap = 200; ///< resamples of the test items for the APGR and AIQ intervals
};

struct Interval95 {
    double low = NAN, high = NAN;
};

struct RouterSeedResult {
    uint64_t seed = 0;
    size_t trainItems = 0, validationItems = 0, testItems = 0;
    std::vector<RoutePoint> router, knn, mf, rules, baselines;
    double routerAiq = NAN, knnAiq = NAN, baselineAiq = NAN; ///< baselineAiq: of the single models' hull
    double routerApgr = NAN, knnApgr = NAN, routerCpt50 = NAN, knnCpt50 = NAN;
    double mfAiq = NAN, mfApgr = NAN, mfCpt50 = NAN;
    double rulesAiq = NAN, rulesApgr = NAN, rulesCpt50 = NAN;
    Interval95 routerApgrCi;
    /// Bootstrap 95% intervals over test items (the choices per lambda fixed, the items drawn with
    /// replacement, the singles' cost range recomputed on each draw): the router's AIQ, and its
    /// AIQ minus the single models' hull's (above 0: the router beats every mix of single models).
    Interval95 routerAiqCi, routerOverSinglesCi;
    Interval95 knnAiqCi, rulesAiqCi; ///< the same resamples (paired with the router's), their choices fixed
    /// Paired: on each resample, kNN's (the rules') AIQ minus the router's; below 0: the router is better.
    Interval95 knnMinusRouterCi, rulesMinusRouterCi;
    RoutePoint oracle; ///< the best model per test item (the cheapest among the right ones)
    std::vector<CalibrationReport> calibration; ///< per model, on the test items
};

struct RouterEvaluation {
    std::string costAxis; ///< "usd" or "strong-share"
    std::string weak, strong;
    std::vector<RouterSeedResult> seeds;
};

/// Errors: BadInput when the matrix has no complete item, a named model is missing, or a split
/// leaves nothing to train, calibrate or test on.
Result<RouterEvaluation> evaluateRouter(const OutcomeMatrix& matrix, const RouterEvaluationOptions& options,
                                        std::stop_token stop = {});

} // namespace baton::core
