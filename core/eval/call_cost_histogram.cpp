// SPDX-License-Identifier: MIT
#include "eval/call_cost_histogram.h"

#include <algorithm>
#include <cmath>

namespace baton::core {
namespace {

// The nice edge at or below `usd`: 1, 2 or 5 x 10^k.
double niceFloor(double usd) {
    double power = std::pow(10.0, std::floor(std::log10(usd)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * power <= usd * (1 + 1e-12)) return m * power;
    return power / 2; // rounding put usd just under the power of ten
}

// The next nice edge above `edge` (itself nice).
double niceNext(double edge) {
    double power = std::pow(10.0, std::floor(std::log10(edge) + 1e-9));
    double m = std::round(edge / power);
    return m < 1.5 ? 2 * power : m < 3.5 ? 5 * power : 10 * power;
}

} // namespace

size_t RunCallCosts::binOf(double usd) const {
    if (bins() == 0) return 0;
    auto above = std::upper_bound(edges.begin(), edges.end(), usd);
    size_t bin = above == edges.begin() ? 0 : size_t(above - edges.begin()) - 1;
    return std::min(bin, bins() - 1);
}

RunCallCosts callCostHistograms(const std::vector<Call>& calls) {
    RunCallCosts out;
    double low = 0, high = 0;
    for (const Call& c : calls)
        if (!c.cacheHit && c.cost && c.cost->pico > 0) {
            double usd = c.cost->usd();
            low = low == 0 ? usd : std::min(low, usd);
            high = std::max(high, usd);
        }
    if (high > 0) {
        out.edges.push_back(niceFloor(low));
        while (out.edges.back() <= high)
            out.edges.push_back(niceNext(out.edges.back()));
    }
    auto add = [&out](CallCostHistogram& h, const Call& c) {
        if (c.cacheHit) {
            ++h.cachedCalls;
        } else if (!c.cost) {
            ++h.unknownCalls;
        } else if (c.cost->pico == 0) {
            ++h.freeCalls;
        } else {
            auto& bins = h.byRole[c.role];
            bins.resize(out.bins(), 0);
            ++bins[out.binOf(c.cost->usd())];
            ++h.paidCalls;
            h.paid += *c.cost;
        }
    };
    for (const Call& c : calls) {
        add(out.all, c);
        add(out.byStrategy[c.strategy], c);
    }
    return out;
}

} // namespace baton::core
