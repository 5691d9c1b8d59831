// SPDX-License-Identifier: MIT
#include "pool_summary.h"
#include "pricing/price_resolution.h"
#include "util/printable.h"

#include <iomanip>
#include <sstream>

namespace baton::cli {
namespace {

std::string price(const std::optional<double>& p) {
    if (!p) return "-";
    std::ostringstream out;
    out << *p;
    return out.str();
}

std::string counts(const std::map<std::string, int>& m) {
    std::string out;
    for (const auto& [k, n] : m)
        out += (out.empty() ? "" : ", ") + core::printable(k) + " " + std::to_string(n);
    return out;
}

} // namespace

PoolSummary summarizePool(const core::Pool& pool, const core::PriceBook& book, const std::string& today) {
    PoolSummary s;
    s.makeup = core::poolMakeup(pool);
    for (const auto& m : pool.models) {
        auto age = core::priceAge(m, book, today); // the rule the Pools page flags by
        if (!age)
            s.unpriced.push_back(m.name);
        else if (age->stale)
            s.stale.push_back(m.name);
    }
    return s;
}

nlohmann::json toJson(const PoolSummary& s) {
    return {{"weights", s.makeup.weights},
            {"vendors", s.makeup.vendors},
            {"jurisdictions", s.makeup.jurisdictions},
            {"unpriced_models", s.unpriced},
            {"stale_price_models", s.stale}};
}

void printPoolSummary(std::ostream& out, const core::Pool& pool, const PoolSummary& s) {
    using core::printable; // names come from a shared file: never let them drive the terminal
    out << "Pool " << printable(pool.name) << (pool.description.empty() ? "" : " - " + printable(pool.description))
        << "\n\n";
    out << std::left << std::setw(22) << "MODEL" << std::setw(10) << "PROVIDER" << std::setw(34) << "REMOTE ID"
        << std::setw(9) << "IN/1M" << std::setw(9) << "OUT/1M"
        << "KEY\n";
    for (const auto& m : pool.models) {
        const core::PriceEntry* e = core::resolvePrice(m, core::PriceBook::bundled());
        out << std::setw(22) << printable(m.name) << std::setw(10) << core::toString(m.provider) << std::setw(34)
            << printable(m.remoteModel)
            << std::setw(9) << (e ? price(e->prices.input) : "?") << std::setw(9) << (e ? price(e->prices.output) : "?")
            << (m.keyRef.kind == core::KeyRef::Kind::None ? "-" : printable(m.keyRef.toString())) << "\n";
    }
    out << "\nWeights: " << counts(s.makeup.weights) << "\nVendors: " << counts(s.makeup.vendors)
        << "\nJurisdictions: " << counts(s.makeup.jurisdictions) << "\n";
    if (!s.unpriced.empty()) {
        out << "No price (costs will be unknown):";
        for (const auto& n : s.unpriced)
            out << " " << printable(n);
        out << "\n";
    }
    if (!s.stale.empty()) {
        out << "Stale prices (older than " << kStalePriceDays << " days; check and override in the pool):";
        for (const auto& n : s.stale)
            out << " " << printable(n);
        out << "\n";
    }
    if (!pool.strategies.empty()) {
        out << "\nStrategies:\n";
        for (const auto& [name, config] : pool.strategies)
            out << "  " << printable(name) << " (" << printable(config.kind) << ")\n";
    }
    const auto& c = pool.constraints;
    if (c.budgetPerRunUsd) out << "Budget per run: $" << *c.budgetPerRunUsd << "\n";
    if (c.budgetPerTaskUsd) out << "Budget per task: $" << *c.budgetPerTaskUsd << "\n";
    for (const auto& [tag, allowed] : c.allowedTags) {
        out << "Only " << printable(tag) << ":";
        for (const auto& v : allowed)
            out << " " << printable(v);
        out << "\n";
    }
}

} // namespace baton::cli
