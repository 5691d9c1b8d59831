// SPDX-License-Identifier: MIT
#include "learn/calibration.h"
#include "learn/logistic_regression.h"

#include <algorithm>
#include <cmath>

namespace baton::core {

double PlattScaling::apply(double logOdds) const {
    return sigmoid(a * logOdds + b);
}

PlattScaling fitPlatt(const std::vector<double>& logOdds, const std::vector<int>& labels) {
    std::vector<SparseVector> rows;
    rows.reserve(logOdds.size());
    for (double z : logOdds)
        rows.push_back({{0, float(z)}});
    std::vector<const SparseVector*> refs;
    for (const auto& r : rows)
        refs.push_back(&r);
    LinearModel fit = trainLogistic(refs, labels, 1, 1e4); // two parameters: barely regularised
    return {double(fit.weights[0]), fit.bias};
}

double IsotonicCalibration::apply(double z) const {
    if (logOdds.empty()) return 0.5;
    if (z <= logOdds.front()) return probability.front();
    if (z >= logOdds.back()) return probability.back();
    size_t k = size_t(std::upper_bound(logOdds.begin(), logOdds.end(), z) - logOdds.begin());
    double x0 = logOdds[k - 1], x1 = logOdds[k];
    return probability[k - 1] + (probability[k] - probability[k - 1]) * (z - x0) / (x1 - x0);
}

IsotonicCalibration fitIsotonic(const std::vector<double>& logOdds, const std::vector<int>& labels) {
    std::vector<size_t> order(logOdds.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return logOdds[a] < logOdds[b]; });
    struct Block {
        double low, high, sum, weight;
    };
    std::vector<Block> blocks;
    for (size_t i : order) {
        double z = logOdds[i];
        if (!blocks.empty() && blocks.back().high == z) // equal scores get one value
            blocks.back().sum += labels[i], blocks.back().weight += 1;
        else
            blocks.push_back({z, z, double(labels[i]), 1});
        while (blocks.size() > 1) {
            Block& last = blocks.back();
            Block& before = blocks[blocks.size() - 2];
            if (before.sum / before.weight < last.sum / last.weight) break;
            before.high = last.high, before.sum += last.sum, before.weight += last.weight;
            blocks.pop_back();
        }
    }
    IsotonicCalibration out;
    for (const auto& b : blocks) {
        double p = b.sum / b.weight;
        out.logOdds.push_back(b.low), out.probability.push_back(p);
        if (b.high > b.low) out.logOdds.push_back(b.high), out.probability.push_back(p);
    }
    return out;
}

CalibrationReport calibrationReport(const std::vector<double>& predicted, const std::vector<int>& labels, int bins) {
    CalibrationReport r;
    r.bins.resize(size_t(bins));
    for (int k = 0; k < bins; ++k)
        r.bins[size_t(k)].low = double(k) / bins, r.bins[size_t(k)].high = double(k + 1) / bins;
    for (size_t i = 0; i < predicted.size(); ++i) {
        double p = std::clamp(predicted[i], 0.0, 1.0);
        r.brier += (p - labels[i]) * (p - labels[i]);
        auto& bin = r.bins[size_t(std::min(int(p * bins), bins - 1))];
        bin.meanPredicted += p, bin.observed += labels[i], ++bin.count;
    }
    double n = double(std::max<size_t>(predicted.size(), 1));
    r.brier /= n;
    for (auto& bin : r.bins) {
        if (bin.count == 0) continue;
        bin.meanPredicted /= bin.count, bin.observed /= bin.count;
        r.ece += bin.count / n * std::fabs(bin.meanPredicted - bin.observed);
    }
    return r;
}

} // namespace baton::core
