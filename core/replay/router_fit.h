// SPDX-License-Identifier: MIT
#pragma once
/// Trains a router to keep: a seeded split of the matrix's complete items, stratified by category,
/// into train, validation and test; the learner fitted on train and calibrated on validation; the
/// lambda chosen on the validation curve (given, or to meet a target); and the held-out figures
/// on the test items, which nothing before has seen (checked). The result is a RouterArtifact
/// ready to save. This is the core of `baton-cli router train` and of the Replay lab's training.

#include "learn/router_artifact.h"
#include "learn/router_target.h"
#include "learn/router_training.h"

#include <functional>
#include <optional>
#include <stop_token>

namespace baton::core {

struct RouterFitOptions {
    std::string name;
    RouterTrainOptions train;
    uint64_t seed = 1;
    double testShare = 0.2, validationShare = 0.2; ///< validation: a share of what the test leaves
    std::optional<double> lambda;                  ///< given: used as is
    std::optional<RouterTarget> target;            ///< else met on validation; neither: best accuracy
    int points = 100;
    /// Also replay kNN and rules by category, learnt on the same training items (train and
    /// validation), on the test items (replay/fixed_strategy_curves.h): the artifact then keeps
    /// their curves and AIQ beside the router's. kNN's brute-force neighbours are the slow part.
    bool compareFixed = false;
    size_t k = 10; ///< kNN's neighbours
};

/// `progress` gets a fraction in [0, 1]; `stop` cancels (BadInput "cancelled").
/// Errors: BadInput for no complete item, unknown costs (name them), an empty split, or a target
/// that no lambda meets on the validation split (saying what the curve can reach).
Result<RouterArtifact> fitRouter(const OutcomeMatrix& matrix, const RouterFitOptions& options, std::stop_token stop = {},
                                 const std::function<void(double)>& progress = {});

} // namespace baton::core
