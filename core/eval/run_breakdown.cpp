// SPDX-License-Identifier: MIT
#include "eval/run_breakdown.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace baton::core {

namespace {

void addCall(std::map<std::string, ItemCost>& items, const Call& call) {
    ItemCost& item = items[call.itemId];
    item.itemId = call.itemId;
    if (!call.cost) {
        ++item.unknownCostCalls;
        return;
    }
    item.byRole[call.role] += *call.cost;
    item.total += *call.cost;
}

std::vector<ItemCost> mostExpensiveFirst(std::map<std::string, ItemCost> items) {
    // Sorted as (total, position) pairs, then moved once: an ItemCost holds a map, and moving
    // 66k of them about while sorting took as long as reading the calls.
    std::vector<std::pair<int64_t, ItemCost*>> order;
    order.reserve(items.size());
    for (auto& [id, item] : items)
        order.emplace_back(item.total.pico, &item);
    std::ranges::stable_sort(order, std::greater<>{}, &std::pair<int64_t, ItemCost*>::first);
    std::vector<ItemCost> sorted;
    sorted.reserve(order.size());
    for (auto& [total, item] : order)
        sorted.push_back(std::move(*item));
    return sorted;
}

} // namespace

std::vector<ItemCost> costByItemAndRole(const std::vector<Call>& calls, const std::string& strategy) {
    std::map<std::string, ItemCost> items;
    for (const Call& call : calls)
        if (call.strategy == strategy) addCall(items, call);
    return mostExpensiveFirst(std::move(items));
}

std::map<std::string, std::vector<ItemCost>> costByItemAndRole(const std::vector<Call>& calls) {
    std::map<std::string, std::map<std::string, ItemCost>> byStrategy;
    std::map<std::string, ItemCost>* items = nullptr;
    const std::string* last = nullptr;
    for (const Call& call : calls) {
        if (!last || call.strategy != *last) items = &byStrategy[call.strategy], last = &call.strategy;
        addCall(*items, call);
    }
    std::map<std::string, std::vector<ItemCost>> out;
    for (auto& [strategy, each] : byStrategy)
        out[strategy] = mostExpensiveFirst(std::move(each));
    return out;
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
