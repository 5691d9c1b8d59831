// SPDX-License-Identifier: MIT
#pragma once
/// CallCostHistogram: what the calls of a whole run cost, one call at a time, as an analyst reads
/// it: calls counted per role in bins of cost on a log scale (edges 1, 2, 5 x 10^k USD, so that
/// every bin reads as a round range), with the calls that cannot be placed on it counted apart:
/// unknown cost (never drawn as $0), answered from the response cache (not paid) and known to
/// have cost exactly $0. Pure.

#include "model/call.h"

#include <map>
#include <string>
#include <vector>

namespace baton::core {

struct CallCostHistogram {
    std::map<CallRole, std::vector<int64_t>> byRole; ///< calls per bin (same bins for every role)
    int64_t paidCalls = 0;    ///< in the bins: sent, known cost > 0
    int64_t unknownCalls = 0; ///< sent, cost unknown
    int64_t cachedCalls = 0;  ///< answered from the cache: nothing sent, nothing paid
    int64_t freeCalls = 0;    ///< sent, known cost exactly $0
    Money paid;               ///< sum of the known costs in the bins
    int64_t calls() const { return paidCalls + unknownCalls + cachedCalls + freeCalls; }
};

struct RunCallCosts {
    /// Bin i holds costs c with edges[i] <= c < edges[i + 1]; empty when no call had a known cost > 0.
    std::vector<double> edges;
    CallCostHistogram all;                               ///< every call of the run
    std::map<std::string, CallCostHistogram> byStrategy; ///< the calls of each strategy and baseline
    size_t bins() const { return edges.empty() ? 0 : edges.size() - 1; }
    /// The bin of a known cost > 0 (clamped to the edges).
    size_t binOf(double usd) const;
};

/// The histograms of `calls` (every attempt is a call), on bins common to the whole run.
RunCallCosts callCostHistograms(const std::vector<Call>& calls);

/// The same histograms folded one call at a time, as the calls are read: per call only a paid
/// call's cost, strategy and role are kept (16 bytes) until the bins are known, never the Call
/// (a 1M-call run's Call records were most of the workbench's memory).
class CallCostHistogramFold {
public:
    void add(const std::string& strategy, CallRole role, bool cacheHit, const std::optional<Money>& cost);
    RunCallCosts finish() const;

private:
    struct Paid {
        int64_t pico;
        uint32_t strategy; ///< index into m_strategies
        CallRole role;
    };
    std::vector<std::string> m_strategies;
    std::vector<CallCostHistogram> m_counts; ///< per strategy: the calls not in a bin
    std::vector<Paid> m_paid;
    uint32_t m_last = 0; ///< the strategy of the last call (calls come in runs of one strategy)
};

} // namespace baton::core
