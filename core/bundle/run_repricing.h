// SPDX-License-Identifier: MIT
#pragma once
/// Re-pricing a past run: every call's recorded tokens priced again with another price book
/// ("what would this run cost today?") and/or with one vendor's prices raised by x% (the cost of
/// a pool's lock-in to that vendor). Nothing is called; tokens are what the run recorded.

#include "model/call.h"
#include "model/run.h"
#include "pricing/price_book.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace baton::core {

struct RepriceOptions {
    const PriceBook* book = nullptr;            ///< null: the prices the run used
    std::map<std::string, double> raisePercent; ///< vendor tag -> +x% on every price of its models
};

struct ModelRepricing {
    std::string model, vendor;
    std::string priceId; ///< the entry used ("" for the pool's own inline prices)
    std::string origin;  ///< "new price list (as of ...)", "the run's own prices", ...
    double raisedPercent = 0;
    std::optional<Money> recorded, repriced; ///< over the run's calls to this model
};

struct StrategyRepricing {
    std::string strategy;
    int64_t calls = 0;
    std::optional<Money> recorded, repriced; ///< nullopt when some call's cost is unknown
};

struct RunRepricing {
    int64_t runId = 0;
    std::vector<ModelRepricing> models;
    std::vector<StrategyRepricing> strategies;
    std::optional<Money> recordedTotal, repricedTotal;
    std::vector<std::string> recordedAsOf; ///< recordedPriceDates(run)
};

RunRepricing repriceRun(const Run& run, const std::vector<Call>& calls, const RepriceOptions& options);

/// The dates of the prices a run recorded: its price snapshot holds every priced model's whole
/// entry (prices, tiers, fee, source, as_of), so no price version needs to be kept with it.
/// Distinct and sorted; "" stands for entries that carry no date.
std::vector<std::string> recordedPriceDates(const Run& run);
/// "recorded with prices as of 2025-04-14 and 2026-11-25" (or "... with no prices" / "undated").
std::string describeRecordedPrices(const std::vector<std::string>& dates);
/// The vendor tags of the run's pool models, distinct and sorted (what --raise can name).
std::vector<std::string> poolVendors(const Run& run);

} // namespace baton::core
