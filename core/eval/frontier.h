#pragma once
/// The cost-quality frontier of a set of strategies: the non-decreasing convex hull of their
/// (cost, quality) points (RouterBench). Any point on a segment between two hull points is
/// reachable by mixing those two strategies at random, so a strategy below the hull is beaten
/// at its cost. Points with an unknown cost are left out by the caller, never placed at 0.

#include <string>
#include <vector>

namespace baton::core {

struct CostQualityPoint {
    std::string name;
    double cost = 0;    ///< e.g. USD per item
    double quality = 0; ///< e.g. accuracy
};

/// The hull's vertices by increasing cost (and strictly increasing quality): the cheapest of the
/// best-quality-so-far points, keeping only those above the line between their neighbours.
std::vector<CostQualityPoint> costQualityFrontier(std::vector<CostQualityPoint> points);

} // namespace baton::core
