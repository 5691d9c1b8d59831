// SPDX-License-Identifier: MIT
#pragma once
/// The cost-quality frontier: points, the non-decreasing convex hull, the random mix of two
/// points, and AIQ (RouterBench, Hu et al. 2024): the area under the hull over a cost range
/// divided by that range.

#include <cmath>
#include <string>
#include <vector>

namespace baton::core {

struct CurvePoint {
    double cost = 0;    ///< mean USD per item (or any cost axis, e.g. share of strong-model calls)
    double quality = 0; ///< accuracy
    std::string label;
};

/// The upper concave envelope of the points that is non-decreasing in cost: dominated points
/// (dearer and no better) dropped, then points below a chord dropped. Sorted by cost.
std::vector<CurvePoint> nonDecreasingHull(std::vector<CurvePoint> points);

/// The hull's quality at `cost`: linear between hull points (a random mix of two configurations
/// reaches the chord), flat after the last point, NaN before the first (unreachable).
double hullQualityAt(const std::vector<CurvePoint>& hull, double cost);

/// The cheapest cost at which the hull reaches `quality`; NaN when it never does.
double hullCostFor(const std::vector<CurvePoint>& hull, double quality);

/// AIQ over [costMin, costMax]: the integral of hullQualityAt (0 where unreachable) divided by
/// the range. With costMin == costMax == NaN, the hull's own cost range; a single point gives its
/// quality.
double aiq(const std::vector<CurvePoint>& hull, double costMin = NAN, double costMax = NAN);

/// `steps` + 1 points of the random mix of a and b (choose b with probability t).
std::vector<CurvePoint> randomMix(const CurvePoint& a, const CurvePoint& b, int steps);

} // namespace baton::core
