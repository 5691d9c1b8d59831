// SPDX-License-Identifier: MIT
#pragma once
/// StrategyRegistry: the one list of strategy kinds. The pool loader reads every configuration
/// with its kind's reader, the engine builds and estimates through it, the workbench describes
/// kinds from it. A new kind is added here and nowhere else.

#include "strategies/strategy_kind.h"

#include <string_view>
#include <vector>

namespace baton::core {

class StrategyRegistry {
public:
    void add(StrategyKind kind) { m_kinds.push_back(std::move(kind)); }
    const StrategyKind* find(std::string_view name) const;
    const std::vector<StrategyKind>& kinds() const { return m_kinds; }
    /// "single, rules, similarity, cascade, moa or coordinator", for messages.
    std::string names() const;

    /// Reads configuration `name` of `pool` at JSON path `path`: its kind must be known, its name
    /// must not be a model's, its settings must satisfy its kind. Every problem goes to `reader`;
    /// nullopt when there was any.
    std::optional<StrategyPlan> read(JsonReader& reader, const Pool& pool, const std::string& name,
                                     const std::string& path) const;

private:
    std::vector<StrategyKind> m_kinds;
};

/// Baton's strategy kinds.
const StrategyRegistry& strategyRegistry();

} // namespace baton::core
