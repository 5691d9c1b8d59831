// SPDX-License-Identifier: MIT
#include "replay/gap_recovered.h"

#include <algorithm>
#include <cmath>

namespace baton::core {

double performanceGapRecovered(double accuracy, double weak, double strong) {
    return strong > weak ? (accuracy - weak) / (strong - weak) : NAN;
}

namespace {

// Sorted by share, one point per share (the best), the endpoints added when absent.
std::vector<SharePoint> normalised(std::vector<SharePoint> curve, double weak, double strong) {
    curve.push_back({0, weak});
    curve.push_back({1, strong});
    std::sort(curve.begin(), curve.end(), [](const SharePoint& a, const SharePoint& b) {
        return a.strongShare < b.strongShare || (a.strongShare == b.strongShare && a.accuracy > b.accuracy);
    });
    std::vector<SharePoint> out;
    for (const auto& p : curve)
        if (out.empty() || p.strongShare > out.back().strongShare) out.push_back(p);
    return out;
}

} // namespace

double averagePgr(std::vector<SharePoint> curve, double weak, double strong) {
    if (!(strong > weak)) return NAN;
    auto c = normalised(std::move(curve), weak, strong);
    double area = 0;
    for (size_t k = 1; k < c.size(); ++k)
        area += (c[k].strongShare - c[k - 1].strongShare) *
                (performanceGapRecovered(c[k].accuracy, weak, strong) +
                 performanceGapRecovered(c[k - 1].accuracy, weak, strong)) /
                2;
    return area;
}

double callPerformanceThreshold(std::vector<SharePoint> curve, double weak, double strong, double target) {
    if (!(strong > weak)) return NAN;
    auto c = normalised(std::move(curve), weak, strong);
    for (size_t k = 0; k < c.size(); ++k) {
        double pgr = performanceGapRecovered(c[k].accuracy, weak, strong);
        if (pgr < target) continue;
        if (k == 0) return c[0].strongShare;
        double before = performanceGapRecovered(c[k - 1].accuracy, weak, strong);
        return c[k - 1].strongShare + (c[k].strongShare - c[k - 1].strongShare) * (target - before) / (pgr - before);
    }
    return NAN;
}

} // namespace baton::core
