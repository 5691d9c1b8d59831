// SPDX-License-Identifier: MIT
#pragma once
/// Trains a RouterModel on an outcome matrix: features fitted on the training items' prompts and
/// categories; one logistic regression per model on its graded training cells (grade >= 0.5 is
/// right); Platt or isotonic calibration of each on the validation items; expected costs from the training
/// cells. Nothing of the validation or test items is used but what the caller passes.

#include "learn/router_model.h"
#include "matrix/outcome_matrix.h"
#include "util/result.h"

#include <functional>
#include <memory>
#include <stop_token>

namespace baton::core {

struct RouterTrainOptions {
    std::string learner = "logistic"; ///< "logistic" (per-model L2 LR) or "mf" (matrix factorisation)
    double c = 1.0;      ///< inverse L2 strength (liblinear's C)
    int buckets = 4096;  ///< hashed TF-IDF buckets
    int factors = 16;    ///< mf: the dimension of the item and model embeddings
    std::string calibration = "platt"; ///< "platt" or "isotonic", fitted on the validation items
    /// Set: the prompt features are these embedding vectors instead of hashed TF-IDF (every prompt
    /// of the matrix, test items included, must have one); `buckets` is then unused.
    std::shared_ptr<const PromptEmbeddings> embeddings;
};

/// Errors: BadInput when there is no training item, no validation item, a prompt has no embedding
/// (embedding features), a model has no graded
/// training cell, or the learner or calibration is unknown; Cancelled work returns BadInput "cancelled".
Result<RouterModel> trainRouter(const OutcomeMatrix& matrix, const std::vector<size_t>& train,
                                const std::vector<size_t>& validation, const RouterTrainOptions& options,
                                std::stop_token stop = {}, const std::function<void(double)>& progress = {});

} // namespace baton::core
