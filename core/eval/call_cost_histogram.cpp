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
    CallCostHistogramFold fold;
    for (const Call& c : calls)
        fold.add(c.strategy, c.role, c.cacheHit, c.cost);
    return fold.finish();
}

void CallCostHistogramFold::add(const std::string& strategy, CallRole role, bool cacheHit,
                                const std::optional<Money>& cost) {
    if (m_last >= m_strategies.size() || m_strategies[m_last] != strategy) {
        auto found = std::ranges::find(m_strategies, strategy); // a run has a handful
        m_last = uint32_t(found - m_strategies.begin());
        if (found == m_strategies.end()) m_strategies.push_back(strategy), m_counts.emplace_back();
    }
    CallCostHistogram& h = m_counts[m_last];
    if (cacheHit)
        ++h.cachedCalls;
    else if (!cost)
        ++h.unknownCalls;
    else if (cost->pico == 0)
        ++h.freeCalls;
    else
        m_paid.push_back({cost->pico, m_last, role});
}

RunCallCosts CallCostHistogramFold::finish() const {
    RunCallCosts out;
    double low = 0, high = 0;
    for (const Paid& p : m_paid) {
        if (p.pico <= 0) continue;
        double usd = Money{p.pico}.usd();
        low = low == 0 ? usd : std::min(low, usd);
        high = std::max(high, usd);
    }
    if (high > 0) {
        out.edges.push_back(niceFloor(low));
        while (out.edges.back() <= high)
            out.edges.push_back(niceNext(out.edges.back()));
    }
    std::vector<CallCostHistogram*> of;
    for (size_t s = 0; s < m_strategies.size(); ++s) {
        CallCostHistogram& h = out.byStrategy[m_strategies[s]];
        h = m_counts[s];
        out.all.cachedCalls += h.cachedCalls, out.all.unknownCalls += h.unknownCalls, out.all.freeCalls += h.freeCalls;
        of.push_back(&h);
    }
    for (const Paid& p : m_paid) {
        const size_t bin = out.binOf(Money{p.pico}.usd());
        for (CallCostHistogram* h : {&out.all, of[p.strategy]}) {
            auto& bins = h->byRole[p.role];
            bins.resize(out.bins(), 0);
            ++bins[bin];
            ++h->paidCalls;
            h->paid += Money{p.pico};
        }
    }
    return out;
}

} // namespace baton::core
