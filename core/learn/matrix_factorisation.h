// SPDX-License-Identifier: MIT
#pragma once
/// Matrix factorisation as RouteLLM's `mf` router, for N models: an item's features x are projected
/// to q = W x (K factors), each model m has an embedding v_m and a bias b_m, and
/// P(model m right on x) = sigmoid(v_m . q + b_m). W, v and b are learnt jointly over every graded
/// (item, model) cell by stochastic gradient descent on the logistic loss with L2 decay (Eigen),
/// so that models share what makes an item hard. The score is linear in x, so the trained router
/// is kept as one LinearModel per model, w_m = W^T v_m: inference costs what logistic regression's does.

#include "learn/logistic_regression.h"

#include <cstdint>
#include <stop_token>
#include <vector>

namespace baton::core {

struct FactorisationOptions {
    int factors = 16;
    double c = 1.0;   ///< inverse L2 strength, as liblinear's C over the training cells
    int epochs = 30;
    double learningRate = 0.05;
    uint64_t seed = 1;
};

/// `labels[model][row]` is 1 (right), 0 (wrong) or -1 (no grade). Returns one LinearModel per model;
/// empty when stopped.
std::vector<LinearModel> trainFactorised(const std::vector<SparseVector>& rows, const std::vector<std::vector<int>>& labels,
                                         int dimension, const FactorisationOptions& options, std::stop_token stop = {});

} // namespace baton::core
