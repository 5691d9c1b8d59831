// SPDX-License-Identifier: MIT
#include "replay/capability_profile.h"
#include "io/text_table.h"
#include "util/fixed_text.h"

#include <cmath>

namespace baton::core {

std::vector<ProfileCell> capabilityProfile(const OutcomeMatrix& m) {
    std::vector<ProfileCell> out;
    const size_t categories = m.categories.size();
    for (size_t model = 0; model < m.modelCount(); ++model) {
        std::vector<double> sum(categories, 0), cost(categories, 0);
        std::vector<int64_t> n(categories, 0), unknown(categories, 0);
        std::vector<std::vector<double>> latencies(categories);
        for (size_t i = 0; i < m.itemCount(); ++i) {
            size_t cell = m.cell(i, model), c = m.itemCategory[i];
            if (std::isnan(m.grade[cell])) continue;
            ++n[c], sum[c] += m.grade[cell];
            if (std::isnan(m.costUsd[cell]))
                ++unknown[c];
            else
                cost[c] += m.costUsd[cell];
            if (!std::isnan(m.latencyMs[cell])) latencies[c].push_back(m.latencyMs[cell]);
        }
        for (size_t c = 0; c < categories; ++c) {
            ProfileCell p;
            p.model = m.models[model], p.category = m.categories[c], p.n = n[c];
            if (n[c]) {
                p.accuracy = sum[c] / double(n[c]);
                p.ci = wilsonInterval(std::llround(sum[c]), n[c]);
                if (!unknown[c]) p.meanCostUsd = cost[c] / double(n[c]);
            }
            if (!latencies[c].empty()) p.p50LatencyMs = percentile(std::move(latencies[c]), 50);
            out.push_back(std::move(p));
        }
    }
    return out;
}

namespace {

std::string fixed(double value, int decimals) {
    return std::isnan(value) ? std::string() : fixedText(value, decimals);
}

} // namespace

std::string capabilityProfileCsv(const std::vector<ProfileCell>& cells) {
    TextTable table{{"model", "category", "n", "accuracy", "ci_low", "ci_high", "mean_cost_usd", "p50_latency_ms"}, {}};
    for (const auto& c : cells) {
        bool known = c.n > 0;
        table.rows.push_back({c.model, c.category, std::to_string(c.n), known ? fixed(c.accuracy, 6) : "",
                              known ? fixed(c.ci.low, 6) : "", known ? fixed(c.ci.high, 6) : "",
                              fixed(c.meanCostUsd, 8), fixed(c.p50LatencyMs, 1)});
    }
    return toCsv(table);
}

} // namespace baton::core
