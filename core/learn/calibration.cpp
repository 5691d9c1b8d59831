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
