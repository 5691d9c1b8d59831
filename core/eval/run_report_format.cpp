// SPDX-License-Identifier: MIT
// Text and CSV renderings of a RunReport.

#include "eval/run_report.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace baton::core {
namespace {

std::string fmt(const char* format, double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, v);
    return buffer;
}

std::string cost(const std::optional<Money>& m, const Money& known) {
    return m ? formatUsd(*m) : ">=" + formatUsd(known) + " (some unknown)";
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

std::string toText(const RunReport& r) {
    std::ostringstream out;
    out << "Run " << r.runId << (r.bestSingle.empty() ? "" : "   best single model: " + r.bestSingle) << "\n\n";
    char line[512];
    std::snprintf(line, sizeof line, "%-22s %5s %-17s %-22s %-11s %-11s %9s %9s %6s\n", "STRATEGY", "ITEMS",
                  "ACCURACY (95% CI)", "TOTAL COST", "PER ITEM", "PER RIGHT", "P50 ms", "P95 ms", "CALLS");
    out << line;
    for (const auto& m : r.strategies) {
        std::string acc =
            fmt("%.3f", m.accuracy) + " [" + fmt("%.2f", m.accuracyCi.low) + "," + fmt("%.2f", m.accuracyCi.high) + "]";
        std::snprintf(line, sizeof line, "%-22s %5lld %-17s %-22s %-11s %-11s %9.0f %9.0f %6.2f\n",
                      (m.name + (m.baseline ? "" : " *")).c_str(), (long long)m.items, acc.c_str(),
                      cost(m.totalCost, m.knownCost).c_str(), m.costPerItem ? formatUsd(*m.costPerItem).c_str() : "?",
                      m.costPerCorrect ? formatUsd(*m.costPerCorrect).c_str() : "?", m.latencyP50Ms, m.latencyP95Ms,
                      m.callsPerItem);
        out << line;
        if (m.incomplete || m.failed)
            out << "    " << m.incomplete << " incomplete (budget/cancel, not counted), " << m.failed
                << " failed (counted wrong)\n";
        if (m.truncatedCalls || m.refusedCalls)
            out << "    " << m.truncatedCalls << " answers cut at the output limit, " << m.refusedCalls
                << " refused (safety or the model declined)\n";
    }
    out << "(* orchestration strategy; the others are single-model baselines)\n";
    if (!r.borrowedBaselines.empty()) {
        out << "This run was made without baselines; it is compared with the latest baselines of the same models "
               "on the same task set from other runs:";
        for (const auto& b : r.borrowedBaselines)
            out << (&b == &r.borrowedBaselines.front() ? " " : ", ") << b.label;
        out << "\n";
    }
    if (!r.frontier.empty()) {
        out << "Cost-quality frontier (non-decreasing convex hull of cost per item vs accuracy):\n ";
        for (const auto& p : r.frontier)
            out << (&p == &r.frontier.front() ? " " : " -> ") << p.label << " (" << fmt("%.3f", p.quality) << " at $"
                << fmt("%.6f", p.cost) << ")";
        out << "\n";
    }
    int64_t cached = 0;
    for (const auto& m : r.strategies)
        cached += m.cachedCalls;
    if (cached)
        out << "(" << cached
            << " calls were answered from the response cache: their cost is the list price, not money "
               "spent again; their latency is 0)\n";
    bool roles = false;
    for (const auto& m : r.strategies)
        roles = roles || m.spendByRole.size() > 1;
    if (roles) {
        out << "\nSpend by role (known costs):\n";
        for (const auto& m : r.strategies) {
            if (m.spendByRole.size() < 2) continue;
            out << "  " << m.name << ":";
            for (const auto& [role, spent] : m.spendByRole)
                out << "  " << role << " " << formatUsd(spent);
            out << "\n";
        }
    }
    if (!r.comparisons.empty()) {
        out << "\nComparisons on the same items (delta accuracy, paired bootstrap 95% CI; exact McNemar p):\n";
        for (const auto& c : r.comparisons) {
            std::string p = c.mcnemarP < 0.0001 ? "<0.0001" : fmt("%.4f", c.mcnemarP);
            std::snprintf(line, sizeof line,
                          "  %-22s vs %-22s %+.3f [%+.3f, %+.3f]  p=%s  win/tie/loss %lld/%lld/%lld (n=%lld)\n",
                          c.strategy.c_str(), c.against.c_str(), c.delta.delta, c.delta.ci.low, c.delta.ci.high,
                          p.c_str(), (long long)c.wins, (long long)c.ties, (long long)c.losses,
                          (long long)c.pairedItems);
            out << line;
        }
    }
    if (!r.categories.empty()) {
        out << "\nAccuracy per category:\n";
        std::string current;
        for (const auto& c : r.categories) {
            if (c.category != current) out << "  " << (current = c.category) << ":";
            out << "  " << c.strategy << " " << fmt("%.2f", c.accuracy);
            if (&c == &r.categories.back() || (&c + 1)->category != current) out << "\n";
        }
    }
    return out.str();
}

std::string toCsv(const RunReport& r) {
    std::ostringstream out;
    out << "strategy,baseline,items,incomplete,failed,accuracy,accuracy_ci_low,accuracy_ci_high,total_cost_usd,"
           "cost_per_item_usd,cost_per_correct_usd,unknown_cost_calls,latency_p50_ms,latency_p95_ms,calls_per_item,"
           "tokens_per_item,on_frontier\n";
    auto usd = [](const std::optional<Money>& m) { return m ? fmt("%.9f", m->usd()) : std::string(); };
    for (const auto& m : r.strategies)
        out << csvField(m.name) << "," << (m.baseline ? 1 : 0) << "," << m.items << "," << m.incomplete << ","
            << m.failed << "," << fmt("%.6f", m.accuracy) << "," << fmt("%.6f", m.accuracyCi.low) << ","
            << fmt("%.6f", m.accuracyCi.high) << "," << usd(m.totalCost) << "," << usd(m.costPerItem) << ","
            << usd(m.costPerCorrect) << "," << m.unknownCostCalls << "," << fmt("%.1f", m.latencyP50Ms) << ","
            << fmt("%.1f", m.latencyP95Ms) << "," << fmt("%.3f", m.callsPerItem) << "," << fmt("%.1f", m.tokensPerItem)
            << "," << (std::ranges::any_of(r.frontier, [&](const auto& p) { return p.label == m.name; }) ? 1 : 0)
            << "\n";
    return out.str();
}

} // namespace baton::core
