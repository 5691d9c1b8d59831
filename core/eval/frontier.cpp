// SPDX-License-Identifier: MIT
#include "eval/frontier.h"

#include <algorithm>
#include <cmath>

namespace baton::core {

std::vector<CurvePoint> nonDecreasingHull(std::vector<CurvePoint> points) {
    std::erase_if(points, [](const CurvePoint& p) { return std::isnan(p.cost) || std::isnan(p.quality); });
    std::sort(points.begin(), points.end(), [](const CurvePoint& a, const CurvePoint& b) {
        return a.cost < b.cost || (a.cost == b.cost && a.quality > b.quality);
    });
    std::vector<CurvePoint> pareto;
    for (const auto& p : points)
        if (pareto.empty() || p.quality > pareto.back().quality) pareto.push_back(p);
    std::vector<CurvePoint> hull;
    for (const auto& p : pareto) {
        // Drop the last point while it lies on or below the chord from the one before it to p.
        while (hull.size() >= 2) {
            const auto& a = hull[hull.size() - 2];
            const auto& b = hull.back();
            double cross = (b.cost - a.cost) * (p.quality - a.quality) - (b.quality - a.quality) * (p.cost - a.cost);
            if (cross >= 0)
                hull.pop_back();
            else
                break;
        }
        hull.push_back(p);
    }
    return hull;
}

double hullQualityAt(const std::vector<CurvePoint>& hull, double cost) {
    if (hull.empty() || cost < hull.front().cost) return NAN;
    for (size_t k = 1; k < hull.size(); ++k)
        if (cost <= hull[k].cost) {
            const auto &a = hull[k - 1], &b = hull[k];
            return a.quality + (b.quality - a.quality) * (cost - a.cost) / (b.cost - a.cost);
        }
    return hull.back().quality;
}

double hullCostFor(const std::vector<CurvePoint>& hull, double quality) {
    if (hull.empty() || quality > hull.back().quality) return NAN;
    if (quality <= hull.front().quality) return hull.front().cost;
    for (size_t k = 1; k < hull.size(); ++k)
        if (quality <= hull[k].quality) {
            const auto &a = hull[k - 1], &b = hull[k];
            return a.cost + (b.cost - a.cost) * (quality - a.quality) / (b.quality - a.quality);
        }
    return NAN;
}

double aiq(const std::vector<CurvePoint>& hull, double lo, double hi) {
    if (hull.empty()) return NAN;
    if (std::isnan(lo) || std::isnan(hi)) lo = hull.front().cost, hi = hull.back().cost;
    if (hi <= lo) {
        double q = hullQualityAt(hull, hi);
        return std::isnan(q) ? 0 : q;
    }
    // Exact integral of a piecewise-linear function: breakpoints are the hull costs inside [lo, hi].
    std::vector<double> xs{lo, hi};
    for (const auto& p : hull)
        if (p.cost > lo && p.cost < hi) xs.push_back(p.cost);
    std::sort(xs.begin(), xs.end());
    double area = 0;
    for (size_t k = 1; k < xs.size(); ++k) {
        double a = xs[k - 1], b = xs[k];
        if (b <= hull.front().cost) continue; // unreachable: counts as 0
        a = std::max(a, hull.front().cost);
        area += (b - a) * (hullQualityAt(hull, a) + hullQualityAt(hull, b)) / 2;
    }
    return area / (hi - lo);
}

std::vector<CurvePoint> randomMix(const CurvePoint& a, const CurvePoint& b, int steps) {
    std::vector<CurvePoint> out;
    for (int s = 0; s <= steps; ++s) {
        double t = double(s) / steps;
        out.push_back({a.cost + t * (b.cost - a.cost), a.quality + t * (b.quality - a.quality),
                       "mix " + a.label + "/" + b.label + " " + std::to_string(int(std::lround(t * 100))) + "%"});
    }
    return out;
}

} // namespace baton::core
