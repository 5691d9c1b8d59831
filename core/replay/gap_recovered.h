// SPDX-License-Identifier: MIT
#pragma once
/// RouteLLM's two-model metrics (Ong et al. 2024). For a router between a weak and a strong model
/// whose operating points are (share of calls to the strong model, accuracy):
/// PGR = (acc - acc_weak) / (acc_strong - acc_weak); APGR = the integral of PGR over the share
/// from 0 to 1 (trapezoids over the points, with (0, weak) and (1, strong) added); CPT(x) = the
/// smallest share at which PGR reaches x (linear between points). A random mix has PGR = share,
/// so APGR = 0.5 and CPT(x) = x.

#include <vector>

namespace baton::core {

struct SharePoint {
    double strongShare = 0; ///< in [0,1]
    double accuracy = 0;
};

double performanceGapRecovered(double accuracy, double weakAccuracy, double strongAccuracy);
/// NaN when the strong model is not better than the weak one.
double averagePgr(std::vector<SharePoint> curve, double weakAccuracy, double strongAccuracy);
/// NaN when the curve never reaches `target`.
double callPerformanceThreshold(std::vector<SharePoint> curve, double weakAccuracy, double strongAccuracy,
                                double target);

} // namespace baton::core
