// SPDX-License-Identifier: MIT
#pragma once
/// L2-regularised logistic regression (liblinear's L2R_LR solver, primal trust-region Newton):
/// P(y = 1 | x) = sigmoid(w . x + bias) on sparse features.

#include "text/tfidf_vectorizer.h"

#include <vector>

namespace baton::core {

struct LinearModel {
    std::vector<float> weights; ///< dense, one per feature
    double bias = 0;
    double score(const SparseVector& x) const; ///< w . x + bias (the log-odds)
};

double sigmoid(double z);

/// `labels` are 0 or 1, one per row; features index < dimension. `c` is the inverse strength of
/// the L2 penalty (liblinear's C). With one class only, the weights are 0 and the bias is that
/// class's smoothed log-odds (a model that is always right is predicted so, not refused).
LinearModel trainLogistic(const std::vector<const SparseVector*>& rows, const std::vector<int>& labels, int dimension,
                          double c);

} // namespace baton::core
