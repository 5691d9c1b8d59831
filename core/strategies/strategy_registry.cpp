// SPDX-License-Identifier: MIT
#include "strategies/strategy_registry.h"
#include "strategies/cascade_strategy.h"
#include "strategies/coordinator_strategy.h"
#include "strategies/moa_strategy.h"
#include "strategies/router_strategy.h"
#include "strategies/rules_strategy.h"
#include "strategies/similarity_strategy.h"
#include "strategies/single_strategy.h"

namespace baton::core {

const StrategyKind* StrategyRegistry::find(std::string_view name) const {
    for (const auto& k : m_kinds)
        if (k.name == name) return &k;
    return nullptr;
}

std::string StrategyRegistry::names() const {
    std::string out;
    for (size_t i = 0; i < m_kinds.size(); ++i)
        out += (i == 0 ? "" : i + 1 == m_kinds.size() ? " or " : ", ") + m_kinds[i].name;
    return out;
}

std::optional<StrategyPlan> StrategyRegistry::read(JsonReader& reader, const Pool& pool, const std::string& name,
                                                   const std::string& path) const {
    auto it = pool.strategies.find(name);
    if (it == pool.strategies.end()) {
        reader.error(path, "strategy \"" + name + "\" is not defined in the pool's \"strategies\"");
        return std::nullopt;
    }
    if (pool.findModel(name)) {
        reader.error(path, "strategy \"" + name + "\" has the name of a model; rename it");
        return std::nullopt;
    }
    const StrategyKind* kind = find(it->second.kind);
    if (!kind) {
        reader.error(JsonReader::child(path, "kind"),
                     "unknown strategy kind \"" + it->second.kind + "\"; expected " + names());
        return std::nullopt;
    }
    return kind->read(StrategySource{reader, pool, it->second.settings, path, name});
}

const StrategyRegistry& strategyRegistry() {
    static const StrategyRegistry registry = [] {
        StrategyRegistry r;
        r.add(SingleStrategy::kind());
        r.add(RulesStrategy::kind());
        r.add(SimilarityStrategy::kind());
        r.add(CascadeStrategy::kind());
        r.add(MoaStrategy::kind());
        r.add(RouterStrategy::kind());
        r.add(CoordinatorStrategy::kind());
        return r;
    }();
    return registry;
}

} // namespace baton::core
