// SPDX-License-Identifier: MIT
#include "eval/run_breakdown.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace baton::core {

std::vector<ItemCost> costByItemAndRole(const std::vector<Call>& calls, const std::string& strategy) {
    ItemCostFold fold;
    for (const Call& call : calls)
        if (call.strategy == strategy) fold.add(call.strategy, call.itemId, call.role, call.cost);
    auto all = std::move(fold).finish();
    return all.empty() ? std::vector<ItemCost>{} : std::move(all.begin()->second);
}

std::map<std::string, std::vector<ItemCost>> costByItemAndRole(const std::vector<Call>& calls) {
    ItemCostFold fold;
    for (const Call& call : calls)
        fold.add(call.strategy, call.itemId, call.role, call.cost);
    return std::move(fold).finish();
}

void ItemCostFold::add(const std::string& strategy, const std::string& item, CallRole role,
                       const std::optional<Money>& cost) {
    if (!m_strategy || strategy != *m_strategy) {
        auto found = m_byStrategy.try_emplace(strategy).first;
        m_strategy = &found->first, m_items = &found->second, m_item = nullptr;
    }
    if (!m_item || m_item->itemId != item) {
        auto [found, added] = m_items->try_emplace(item);
        if (added) found->second.itemId = item;
        m_item = &found->second;
    }
    if (!cost) {
        ++m_item->unknownCostCalls;
        return;
    }
    m_item->byRole[role] += *cost;
    m_item->total += *cost;
}

std::map<std::string, std::vector<ItemCost>> ItemCostFold::finish() && {
    std::map<std::string, std::vector<ItemCost>> out;
    for (auto& [strategy, items] : m_byStrategy) {
        // Sorted as pointers, then moved once: an ItemCost holds a map. Most expensive first, ties
        // by item id (as a stable sort of the items in id order gave them).
        std::vector<ItemCost*> order;
        order.reserve(items.size());
        for (auto& [id, item] : items)
            order.push_back(&item);
        std::ranges::sort(order, [](const ItemCost* a, const ItemCost* b) {
            return a->total.pico != b->total.pico ? a->total.pico > b->total.pico : a->itemId < b->itemId;
        });
        std::vector<ItemCost>& sorted = out[strategy];
        sorted.reserve(order.size());
        for (ItemCost* item : order)
            sorted.push_back(std::move(*item));
    }
    m_byStrategy.clear();
    m_strategy = nullptr, m_items = nullptr, m_item = nullptr;
    return out;
}

std::vector<ItemCostGroup> groupByRank(const std::vector<ItemCost>& items, size_t bars) {
    std::vector<ItemCostGroup> groups;
    if (items.empty() || bars == 0) return groups;
    // Group i holds ranks [i*n/bars, (i+1)*n/bars): min(n, bars) groups whose sizes differ by at
    // most 1 (ceil(n/bars) to a group gave 251 groups for 501 items, the last one smaller).
    const size_t n = items.size(), count = std::min(n, bars);
    groups.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        ItemCostGroup& g = groups.emplace_back();
        g.first = i * n / count, g.size = (i + 1) * n / count - g.first;
        const size_t first = g.first;
        for (size_t i = first; i < first + g.size; ++i) {
            for (const auto& [role, cost] : items[i].byRole)
                g.meanUsd[role] += cost.usd();
            g.meanTotalUsd += items[i].total.usd();
            g.unknownCostCalls += items[i].unknownCostCalls;
        }
        for (auto& [role, usd] : g.meanUsd)
            usd /= double(g.size);
        g.meanTotalUsd /= double(g.size);
    }
    return groups;
}

Histogram logHistogram(const std::vector<double>& values, int bins) {
    Histogram h;
    std::vector<double> positive;
    std::ranges::copy_if(values, std::back_inserter(positive), [](double v) { return v > 0 && std::isfinite(v); });
    if (positive.empty() || bins < 1) return h;
    auto [lo, hi] = std::ranges::minmax(positive);
    double logLo = std::log10(lo), logHi = std::log10(hi);
    if (logHi - logLo < 1e-9) logHi = logLo + 1e-9; // one distinct value: one narrow range
    for (int i = 0; i <= bins; ++i)
        h.edges.push_back(std::pow(10.0, logLo + (logHi - logLo) * i / bins));
    h.edges.front() = lo; // exact ends, free of pow/log rounding
    h.edges.back() = std::max(hi, h.edges.back());
    h.counts = countInBins(positive, h.edges);
    return h;
}

std::vector<int64_t> countInBins(const std::vector<double>& values, const std::vector<double>& edges) {
    if (edges.size() < 2) return {};
    std::vector<int64_t> counts(edges.size() - 1, 0);
    for (double v : values) {
        if (!(v >= edges.front() && v <= edges.back())) continue;
        auto upper = std::ranges::upper_bound(edges, v); // first edge above v
        size_t bin = std::min(size_t(upper - edges.begin()) - 1, counts.size() - 1);
        ++counts[bin];
    }
    return counts;
}

std::vector<double> latenciesOf(const std::vector<Outcome>& outcomes, const std::string& strategy) {
    std::vector<double> ms;
    for (const Outcome& o : outcomes)
        if (o.strategy == strategy && o.latencyMs && *o.latencyMs > 0) ms.push_back(*o.latencyMs);
    return ms;
}

LatencyHistograms latencyHistograms(const std::vector<Outcome>& outcomes, const std::vector<std::string>& strategies,
                                    int bins) {
    LatencyHistograms out;
    std::vector<double> all;
    for (const auto& o : outcomes)
        if (o.latencyMs) all.push_back(*o.latencyMs);
    out.edges = logHistogram(all, bins).edges;
    for (const auto& name : strategies) {
        std::vector<double> ms = latenciesOf(outcomes, name);
        out.counts.emplace_back(name,
                                ms.empty() || out.edges.empty() ? std::vector<int64_t>{} : countInBins(ms, out.edges));
    }
    return out;
}

} // namespace baton::core
