// SPDX-License-Identifier: MIT
#pragma once
/// Breakdowns behind the workbench's charts: what each item of a strategy cost, split by call
/// role (unknown costs kept apart, never counted as 0), folded as the calls are read
/// (ItemCostFold); items of consecutive cost ranks grouped for a chart of
/// many items (groupByRank, means of known costs); and the distribution of item latencies over
/// logarithmic bins.

#include "model/call.h"
#include "model/run.h"

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace baton::core {

struct ItemCost {
    std::string itemId;
    std::map<CallRole, Money> byRole; ///< known costs of every attempt, per role
    Money total;                      ///< the sum of the known costs
    int64_t unknownCostCalls = 0;     ///< attempts whose cost is unknown (not in the sums)
};

/// Every item of `strategy` that made calls, most expensive first (ties by item id).
std::vector<ItemCost> costByItemAndRole(const std::vector<Call>& calls, const std::string& strategy);
/// The same for every strategy that made calls, in one pass over the calls.
std::map<std::string, std::vector<ItemCost>> costByItemAndRole(const std::vector<Call>& calls);

/// costByItemAndRole folded one call at a time, as the calls are read: a 1M-call run is never
/// held as Call records.
class ItemCostFold {
public:
    void add(const std::string& strategy, const std::string& item, CallRole role, const std::optional<Money>& cost);
    /// Per strategy, most expensive first (ties by item id).
    std::map<std::string, std::vector<ItemCost>> finish() &&;

private:
    using Items = std::unordered_map<std::string, ItemCost>;
    std::map<std::string, Items> m_byStrategy;
    const std::string* m_strategy = nullptr; ///< the last call's (a job's calls come together)
    Items* m_items = nullptr;
    ItemCost* m_item = nullptr;
};

/// Items in rank order (most expensive first) drawn as min(n, `bars`) bars: group i holds the
/// consecutive ranks [i*n/bars, (i+1)*n/bars) (sizes differ by at most 1) and their mean *known*
/// cost per role; calls of unknown cost are not in the means, only counted in unknownCostCalls
/// (a 1M-call run has 66k items per strategy, more bars than a chart has pixels).
struct ItemCostGroup {
    size_t first = 0, size = 0;         ///< ranks first .. first + size - 1 (0 = the most expensive)
    std::map<CallRole, double> meanUsd; ///< per role, over the group's items
    double meanTotalUsd = 0;
    int64_t unknownCostCalls = 0;
};
std::vector<ItemCostGroup> groupByRank(const std::vector<ItemCost>& items, size_t bars);

struct Histogram {
    std::vector<double> edges; ///< bin i covers [edges[i], edges[i+1]); the last bin includes its end
    std::vector<int64_t> counts;
};

/// `bins` bins spaced evenly in log10 between the smallest and largest positive value.
/// Values <= 0 are left out; empty input gives an empty histogram.
Histogram logHistogram(const std::vector<double>& values, int bins);

/// How many of `values` fall in each bin of `edges` (values outside every bin are left out).
std::vector<int64_t> countInBins(const std::vector<double>& values, const std::vector<double>& edges);

/// The measured latencies of the outcomes of `strategy` (answers from the cache have none).
std::vector<double> latenciesOf(const std::vector<Outcome>& outcomes, const std::string& strategy);

/// The latency chart's figures.
struct LatencyHistograms {
    std::vector<double> edges; ///< log bins shared by every strategy
    /// Per strategy, how many of its items fall in each bin; empty for one with no latency measured.
    std::vector<std::pair<std::string, std::vector<int64_t>>> counts;
};
/// `bins` log bins over every outcome's latency, and the counts of each of `strategies`, in the
/// order asked (one pass per strategy over the outcomes).
LatencyHistograms latencyHistograms(const std::vector<Outcome>& outcomes, const std::vector<std::string>& strategies,
                                    int bins);

} // namespace baton::core
