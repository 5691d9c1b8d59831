#include "strategies/strategy_factory.h"
#include "strategies/single_strategy.h"

namespace baton::core {
namespace {

Result<std::unique_ptr<Strategy>> build(const Pool& pool, const std::string& name, const StrategyConfig& config) {
    std::string where = "strategy \"" + name + "\"";
    if (config.kind == "single") {
        auto model = config.settings.value("model", nlohmann::json());
        if (!model.is_string()) return fail(ErrorKind::BadInput, where + ": a single strategy needs \"model\": \"<pool model>\"");
        const ModelSpec* spec = pool.findModel(model.get<std::string>());
        if (!spec) return fail(ErrorKind::BadInput, where + ": model \"" + model.get<std::string>() + "\" is not in the pool");
        return std::unique_ptr<Strategy>(new SingleStrategy(*spec));
    }
    return fail(ErrorKind::BadInput, where + ": kind \"" + config.kind + "\" cannot run yet in this version of Baton");
}

} // namespace

Result<std::vector<NamedStrategy>> buildStrategies(const Pool& pool, const std::vector<std::string>& names, bool baselines) {
    std::vector<NamedStrategy> out;
    if (baselines)
        for (const auto& m : pool.models) out.push_back({m.name, "single", std::make_unique<SingleStrategy>(m)});
    std::vector<Diagnostic> problems;
    for (const auto& name : names) {
        auto it = pool.strategies.find(name);
        if (it == pool.strategies.end()) {
            problems.push_back({Severity::Error, "", "strategy \"" + name + "\"", "not defined in the pool's \"strategies\""});
            continue;
        }
        if (pool.findModel(name)) {
            problems.push_back({Severity::Error, "", "strategy \"" + name + "\"", "has the name of a model; rename it"});
            continue;
        }
        auto strategy = build(pool, name, it->second);
        if (!strategy) problems.push_back({Severity::Error, "", "", strategy.error().message});
        else out.push_back({name, it->second.kind, std::move(*strategy)});
    }
    if (!problems.empty()) return fail(ErrorKind::BadInput, "the run's strategies are not valid", problems);
    if (out.empty()) return fail(ErrorKind::BadInput, "nothing to run: no baselines and no strategies");
    return out;
}

} // namespace baton::core
