#include "eval/frontier.h"

#include <algorithm>

namespace baton::core {

std::vector<CostQualityPoint> costQualityFrontier(std::vector<CostQualityPoint> points) {
    std::sort(points.begin(), points.end(), [](const auto& a, const auto& b) {
        return a.cost < b.cost || (a.cost == b.cost && a.quality > b.quality);
    });
    std::vector<CostQualityPoint> hull;
    for (const auto& p : points) {
        if (!hull.empty() && p.quality <= hull.back().quality) continue; // dominated: dearer, no better
        // Drop the last vertex while it lies on or below the segment from its predecessor to p.
        while (hull.size() >= 2) {
            const auto& a = hull[hull.size() - 2];
            const auto& b = hull.back();
            double cross = (b.cost - a.cost) * (p.quality - a.quality) - (b.quality - a.quality) * (p.cost - a.cost);
            if (cross < 0) break; // b is above the chord a-p: keep it
            hull.pop_back();
        }
        hull.push_back(p);
    }
    return hull;
}

} // namespace baton::core
