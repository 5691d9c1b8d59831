// SPDX-License-Identifier: MIT
#pragma once
// The figures `pool show` prints: per-model prices and staleness, and the pool's makeup.

#include "model/pool.h"
#include "model/pool_makeup.h"
#include "pricing/price_age.h"
#include "pricing/price_book.h"

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

namespace baton::cli {

struct PoolSummary {
    core::PoolMakeup makeup;
    std::vector<std::string> unpriced; ///< models whose calls will have an unknown cost
    std::vector<std::string> stale;    ///< models whose price entry is older than the limit
};

inline constexpr int kStalePriceDays = core::kStalePriceDays; // one limit for the CLI and the Pools page

/// `today` is "YYYY-MM-DD" (core::todayIso(), as the Pools page judges by).
PoolSummary summarizePool(const core::Pool& pool, const core::PriceBook& book, const std::string& today);
nlohmann::json toJson(const PoolSummary& summary);
void printPoolSummary(std::ostream& out, const core::Pool& pool, const PoolSummary& summary);

} // namespace baton::cli
