// SPDX-License-Identifier: MIT
#include "strategies/strategy_factory.h"
#include "strategies/single_strategy.h"
#include "strategies/strategy_registry.h"

namespace baton::core {

Result<std::vector<NamedStrategy>> buildStrategies(const Pool& pool, const std::vector<std::string>& names,
                                                   bool baselines, const StrategyDeps& deps) {
    std::vector<NamedStrategy> out;
    if (baselines)
        for (const auto& m : pool.models)
            out.push_back({m.name, "single", std::make_unique<SingleStrategy>(m)});
    JsonReader reader("pool");
    std::vector<Diagnostic> problems;
    for (const auto& name : names) {
        auto plan = strategyRegistry().read(reader, pool, name, JsonReader::child("/strategies", name));
        if (!plan) continue;
        auto strategy = plan->build(deps);
        if (!strategy)
            problems.push_back({Severity::Error, "", JsonReader::child("/strategies", name), strategy.error().message});
        else
            out.push_back({name, pool.strategies.at(name).kind, std::move(*strategy)});
    }
    for (const auto& d : reader.diagnostics())
        if (d.severity == Severity::Error) problems.push_back(d);
    if (!problems.empty()) return fail(ErrorKind::BadInput, "the run's strategies are not valid", problems);
    if (out.empty()) return fail(ErrorKind::BadInput, "nothing to run: no baselines and no strategies");
    return out;
}

} // namespace baton::core
