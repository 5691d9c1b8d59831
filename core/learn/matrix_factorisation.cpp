// SPDX-License-Identifier: MIT
#include "learn/matrix_factorisation.h"
#include "util/rng.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace baton::core {

std::vector<LinearModel> trainFactorised(const std::vector<SparseVector>& rows, const std::vector<std::vector<int>>& labels,
                                         int dimension, const FactorisationOptions& o, std::stop_token stop) {
    const size_t models = labels.size();
    const int k = std::max(o.factors, 1);
    Rng rng(o.seed * 2654435761u + 7);
    auto small = [&] { return float((rng.uniform() - 0.5) * 0.2); };
    Eigen::MatrixXf w(k, dimension); // column j: the factors of feature j
    for (int j = 0; j < dimension; ++j)
        for (int f = 0; f < k; ++f)
            w(f, j) = small();
    Eigen::MatrixXf v(k, Eigen::Index(models)); // column m: model m's embedding
    for (Eigen::Index m = 0; m < v.cols(); ++m)
        for (int f = 0; f < k; ++f)
            v(f, m) = small();
    Eigen::VectorXf b = Eigen::VectorXf::Zero(Eigen::Index(models));
    // Start each bias at its model's log-odds of being right, so the factors learn the item's part.
    for (size_t m = 0; m < models; ++m) {
        double right = 0.5, n = 1;
        for (int y : labels[m])
            if (y >= 0) right += y, n += 1;
        b[Eigen::Index(m)] = float(std::log(right / (n - right)));
    }

    size_t cells = 0;
    for (const auto& l : labels)
        cells += size_t(std::count_if(l.begin(), l.end(), [](int y) { return y >= 0; }));
    const float decay = float(1.0 / (o.c * double(std::max<size_t>(cells, 1))));
    std::vector<size_t> order(rows.size());
    std::iota(order.begin(), order.end(), 0);
    Eigen::VectorXf q(k), dq(k);
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        if (stop.stop_requested()) return {};
        for (size_t i = order.size(); i > 1; --i) // Fisher-Yates with the seeded generator
            std::swap(order[i - 1], order[size_t(rng.uniform() * double(i)) % i]);
        const float lr = float(o.learningRate / (1.0 + 0.1 * epoch));
        for (size_t r : order) {
            q.setZero();
            for (const auto& [j, x] : rows[r])
                q += w.col(j) * x;
            dq.setZero();
            for (size_t m = 0; m < models; ++m) {
                int y = labels[m][r];
                if (y < 0) continue;
                auto col = v.col(Eigen::Index(m));
                float z = col.dot(q) + b[Eigen::Index(m)];
                float g = float(sigmoid(z)) - float(y);
                dq += g * col;
                col -= lr * (g * q + decay * col);
                b[Eigen::Index(m)] -= lr * g;
            }
            for (const auto& [j, x] : rows[r])
                w.col(j) -= lr * (dq * x + decay * w.col(j));
        }
    }

    std::vector<LinearModel> out(models);
    Eigen::MatrixXf collapsed = w.transpose() * v; // dimension x models
    for (size_t m = 0; m < models; ++m) {
        out[m].weights.resize(size_t(dimension));
        for (int j = 0; j < dimension; ++j)
            out[m].weights[size_t(j)] = collapsed(j, Eigen::Index(m));
        out[m].bias = b[Eigen::Index(m)];
    }
    return out;
}

} // namespace baton::core
