// SPDX-License-Identifier: MIT
#pragma once
/// `rules`: ordered rules route an item to one model; the first rule that matches wins, else the
/// default. A rule matches on category, a regular expression over the prompt, prompt length
/// (characters), or any combination (all must hold); it names a model, or model tags to pick
/// the first pool model carrying them. The reason logged is the rule that matched.
///
///   {"kind": "rules", "rules": [{"category": "code-output", "model": "sim/coder"},
///                               {"regex": "Locker \\d+", "min_length": 2000, "model_tags": {"vendor": "sim-c"}}],
///    "default": "sim/mini"}

#include "strategies/strategy_kind.h"

#include <regex>

namespace baton::core {

struct RoutingRule {
    std::string description;
    std::optional<std::string> category;
    std::optional<std::regex> regex;
    std::optional<int64_t> minLength, maxLength;
    const ModelSpec* model = nullptr;
};

class RulesStrategy : public Strategy {
public:
    RulesStrategy(std::vector<RoutingRule> rules, const ModelSpec& fallback)
        : m_rules(std::move(rules)), m_default(&fallback) {}
    static StrategyKind kind();
    Async<StrategyResult> answer(StrategyContext& ctx) override;

private:
    std::vector<RoutingRule> m_rules;
    const ModelSpec* m_default = nullptr;
};

} // namespace baton::core
