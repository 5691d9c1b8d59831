#include "strategies/strategy_factory.h"
#include "strategies/cascade_strategy.h"
#include "strategies/moa_strategy.h"
#include "strategies/rules_strategy.h"
#include "strategies/similarity_strategy.h"
#include "strategies/single_strategy.h"

namespace baton::core {
namespace {

Result<std::unique_ptr<Strategy>> buildKind(const Pool& pool, const std::string& name, const StrategyConfig& config,
                                            const LabelLoader& loader) {
    std::string where = "strategy \"" + name + "\"";
    const auto& s = config.settings;
    if (config.kind == "rules") return RulesStrategy::create(pool, name, s);
    if (config.kind == "cascade") return CascadeStrategy::create(pool, name, s);
    if (config.kind == "moa") return MoaStrategy::create(pool, name, s);
    if (config.kind == "similarity") {
        std::optional<int64_t> run;
        if (s.contains("labels_run") && s["labels_run"].is_number_integer()) run = s["labels_run"].get<int64_t>();
        if (!loader) return SimilarityStrategy::create(pool, name, s, nullptr);
        auto labels = loader(SimilarityStrategy::candidates(pool, s), run);
        if (!labels) return fail(ErrorKind::BadInput, where + ": " + labels.error().message);
        return SimilarityStrategy::create(pool, name, s, &*labels);
    }
    if (config.kind == "single") {
        auto model = config.settings.value("model", nlohmann::json());
        if (!model.is_string())
            return fail(ErrorKind::BadInput, where + ": a single strategy needs \"model\": \"<pool model>\"");
        const ModelSpec* spec = pool.findModel(model.get<std::string>());
        if (!spec)
            return fail(ErrorKind::BadInput, where + ": model \"" + model.get<std::string>() + "\" is not in the pool");
        return std::unique_ptr<Strategy>(new SingleStrategy(*spec));
    }
    return fail(ErrorKind::BadInput, where + ": kind \"" + config.kind + "\" cannot run yet in this version of Baton");
}

Result<std::unique_ptr<Strategy>> build(const Pool& pool, const std::string& name, const StrategyConfig& config,
                                        const LabelLoader& loader) {
    try {
        return buildKind(pool, name, config, loader);
    } catch (const nlohmann::json::exception& e) {
        return fail(ErrorKind::BadInput, "strategy \"" + name + "\": a setting has the wrong type (" + e.what() + ")");
    }
}

} // namespace

Result<std::vector<NamedStrategy>> buildStrategies(const Pool& pool, const std::vector<std::string>& names,
                                                   bool baselines, const LabelLoader& labels) {
    std::vector<NamedStrategy> out;
    if (baselines)
        for (const auto& m : pool.models)
            out.push_back({m.name, "single", std::make_unique<SingleStrategy>(m)});
    std::vector<Diagnostic> problems;
    for (const auto& name : names) {
        auto it = pool.strategies.find(name);
        if (it == pool.strategies.end()) {
            problems.push_back(
                {Severity::Error, "", "strategy \"" + name + "\"", "not defined in the pool's \"strategies\""});
            continue;
        }
        if (pool.findModel(name)) {
            problems.push_back(
                {Severity::Error, "", "strategy \"" + name + "\"", "has the name of a model; rename it"});
            continue;
        }
        auto strategy = build(pool, name, it->second, labels);
        if (!strategy)
            problems.push_back({Severity::Error, "", "", strategy.error().message});
        else
            out.push_back({name, it->second.kind, std::move(*strategy)});
    }
    if (!problems.empty()) return fail(ErrorKind::BadInput, "the run's strategies are not valid", problems);
    if (out.empty()) return fail(ErrorKind::BadInput, "nothing to run: no baselines and no strategies");
    return out;
}

} // namespace baton::core
