// SPDX-License-Identifier: MIT
#pragma once
/// ItemVerdict: why one item of one strategy went as it did: the question and reference, the
/// final answer and its grade, which baselines were right (and what they answered), what the
/// item cost (paid vs answered from the response cache; a lower bound when some costs are
/// unknown) and how long it took. Pure; built from what the workspace recorded.

#include "model/call.h"
#include "model/run.h"
#include "model/task_set.h"

#include <optional>
#include <string>
#include <vector>

namespace baton::core {

struct BaselineVerdict {
    std::string model;
    std::optional<double> grade; ///< nullopt: not graded (incomplete)
    std::string answer;
};

struct ItemVerdict {
    std::string itemId, category, strategy;
    std::vector<Message> question;
    std::vector<std::string> references;
    std::string answer;
    std::optional<double> grade;
    OutcomeStatus status = OutcomeStatus::Incomplete;
    bool found = false;                    ///< the strategy has an outcome for the item
    std::vector<BaselineVerdict> baselines; ///< in the order given
    int64_t calls = 0, cachedCalls = 0, unknownCostCalls = 0;
    Money paid;       ///< known costs of calls actually sent
    Money cachedList; ///< list price of the calls answered from the cache (not paid again)
    std::optional<double> latencyMs;
    bool latencyFromCache = false; ///< some of the latency is the one recorded when the answer was first made

    bool right() const { return grade && *grade >= 0.5; }
    /// Baselines right on this item.
    std::vector<std::string> rightBaselines() const;
};

/// `outcomes`: the run's outcomes (any strategies); `calls`: the calls of this item and strategy.
ItemVerdict itemVerdict(const TaskItem* item, const std::string& itemId, const std::string& strategy,
                        const std::vector<Outcome>& outcomes, const std::vector<Call>& calls,
                        const std::vector<std::string>& baselines);

} // namespace baton::core
