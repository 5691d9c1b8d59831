// SPDX-License-Identifier: MIT
#include "eval/item_verdict.h"

namespace baton::core {

std::vector<std::string> ItemVerdict::rightBaselines() const {
    std::vector<std::string> names;
    for (const auto& b : baselines)
        if (b.grade && *b.grade >= 0.5) names.push_back(b.model);
    return names;
}

ItemVerdict itemVerdict(const TaskItem* item, const std::string& itemId, const std::string& strategy,
                        const std::vector<Outcome>& outcomes, const std::vector<Call>& calls,
                        const std::vector<std::string>& baselines) {
    ItemVerdict v;
    v.itemId = itemId, v.strategy = strategy;
    if (item) v.category = item->category, v.question = item->messages, v.references = item->references;
    for (const auto& name : baselines) {
        BaselineVerdict b;
        b.model = name;
        for (const auto& o : outcomes)
            if (o.itemId == itemId && o.strategy == name) b.grade = o.grade, b.answer = o.answer;
        v.baselines.push_back(std::move(b));
    }
    for (const auto& o : outcomes)
        if (o.itemId == itemId && o.strategy == strategy)
            v.found = true, v.answer = o.answer, v.grade = o.grade, v.status = o.status, v.latencyMs = o.latencyMs;
    for (const auto& c : calls) {
        if (c.itemId != itemId || c.strategy != strategy) continue;
        ++v.calls;
        if (c.cacheHit) {
            ++v.cachedCalls;
            if (c.latencyMs) v.latencyFromCache = true;
        }
        if (!c.cost) {
            ++v.unknownCostCalls;
            continue;
        }
        (c.cacheHit ? v.cachedList : v.paid) += *c.cost;
    }
    return v;
}

} // namespace baton::core
