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
    const PriceBook* book = nullptr;             ///< null: the prices the run used
    std::map<std::string, double> raisePercent;  ///< vendor tag -> +x% on every price of its models
};

struct ModelRepricing {
    std::string model, vendor;
    std::string priceId;    ///< the entry used ("" for the pool's own inline prices)
    std::string origin;     ///< "new price list (as of ...)", "the run's own prices", ...
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
};

RunRepricing repriceRun(const Run& run, const std::vector<Call>& calls, const RepriceOptions& options);

} // namespace baton::core
