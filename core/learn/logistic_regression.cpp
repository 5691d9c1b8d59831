// SPDX-License-Identifier: MIT
#include "learn/logistic_regression.h"

#include <linear.h>

#include <cmath>
#include <mutex>

namespace baton::core {
namespace {

void quiet(const char*) {}

} // namespace

double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z));
}

double LinearModel::score(const SparseVector& x) const {
    double z = bias;
    for (const auto& [i, v] : x)
        if (size_t(i) < weights.size()) z += double(weights[size_t(i)]) * v;
    return z;
}

LinearModel trainLogistic(const std::vector<const SparseVector*>& rows, const std::vector<int>& labels, int dimension,
                          double c) {
    LinearModel out;
    out.weights.assign(size_t(dimension), 0.f);
    size_t positives = 0;
    for (int y : labels)
        positives += y == 1;
    if (positives == 0 || positives == labels.size()) {
        double p = (double(positives) + 0.5) / (double(labels.size()) + 1); // Laplace-smoothed
        out.bias = std::log(p / (1 - p));
        return out;
    }
    static std::once_flag silenced;
    std::call_once(silenced, [] { set_print_string_function(&quiet); });

    // liblinear: 1-based feature indices, each row ended by index -1, the bias as feature n + 1.
    std::vector<std::vector<feature_node>> nodes(rows.size());
    std::vector<feature_node*> x(rows.size());
    std::vector<double> y(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
        for (const auto& [i, v] : *rows[r])
            nodes[r].push_back({i + 1, double(v)});
        nodes[r].push_back({dimension + 1, 1.0});
        nodes[r].push_back({-1, 0});
        x[r] = nodes[r].data();
        y[r] = labels[r] == 1 ? 1 : -1;
    }
    problem prob{int(rows.size()), dimension + 1, y.data(), x.data(), 1.0};
    parameter param{};
    param.solver_type = L2R_LR;
    param.eps = 0.01;
    param.C = c;
    model* m = train(&prob, &param);
    int classes[2] = {0, 0};
    get_labels(m, classes);
    double sign = classes[0] == 1 ? 1 : -1; // the decision function is for the first label
    for (int f = 0; f < dimension; ++f)
        out.weights[size_t(f)] = float(sign * get_decfun_coef(m, f + 1, 0));
    out.bias = sign * get_decfun_bias(m, 0); // the bias feature is not one of get_decfun_coef's
    free_and_destroy_model(&m);
    return out;
}

} // namespace baton::core
