#include "strategies/rules_strategy.h"

namespace baton::core {
namespace {

const ModelSpec* modelWithTags(const Pool& pool, const nlohmann::json& tags) {
    for (const auto& m : pool.models) {
        bool all = true;
        for (auto it = tags.begin(); it != tags.end(); ++it) {
            auto tag = m.tags.find(it.key());
            all = all && it->is_string() && tag != m.tags.end() && tag->second == it->get<std::string>();
        }
        if (all) return &m;
    }
    return nullptr;
}

} // namespace

Result<std::unique_ptr<Strategy>> RulesStrategy::create(const Pool& pool, const std::string& name,
                                                        const nlohmann::json& s) {
    auto strategy = std::make_unique<RulesStrategy>();
    std::string where = "strategy \"" + name + "\"";
    const auto& rules = s.value("rules", nlohmann::json::array());
    if (!rules.is_array()) return fail(ErrorKind::BadInput, where + ": \"rules\" must be an array");
    for (size_t i = 0; i < rules.size(); ++i) {
        const auto& r = rules[i];
        std::string at = where + " rule " + std::to_string(i + 1);
        if (!r.is_object()) return fail(ErrorKind::BadInput, at + ": expected an object");
        RoutingRule rule;
        std::vector<std::string> parts;
        if (r.contains("category"))
            rule.category = r["category"].get<std::string>(), parts.push_back("category == " + *rule.category);
        if (r.contains("regex")) {
            try {
                rule.regex = std::regex(r["regex"].get<std::string>(), std::regex::ECMAScript | std::regex::icase);
            } catch (const std::exception& e) {
                return fail(ErrorKind::BadInput, at + ": invalid regex (" + e.what() + ")");
            }
            parts.push_back("prompt matches /" + r["regex"].get<std::string>() + "/");
        }
        if (r.contains("min_length"))
            rule.minLength = r["min_length"].get<int64_t>(),
            parts.push_back("length >= " + std::to_string(*rule.minLength));
        if (r.contains("max_length"))
            rule.maxLength = r["max_length"].get<int64_t>(),
            parts.push_back("length <= " + std::to_string(*rule.maxLength));
        if (r.contains("model") && r["model"].is_string())
            rule.model = pool.findModel(r["model"].get<std::string>());
        else if (r.contains("model_tags") && r["model_tags"].is_object())
            rule.model = modelWithTags(pool, r["model_tags"]);
        if (!rule.model)
            return fail(ErrorKind::BadInput, at + ": \"model\" (or \"model_tags\") must name a pool model");
        if (parts.empty())
            return fail(ErrorKind::BadInput,
                        at + ": give at least one condition (category, regex, min_length, max_length)");
        std::string description;
        for (const auto& p : parts)
            description += (description.empty() ? "" : " and ") + p;
        rule.description = "rule " + std::to_string(i + 1) + ": " + description;
        strategy->m_rules.push_back(std::move(rule));
    }
    auto fallback = s.value("default", nlohmann::json());
    strategy->m_default = fallback.is_string() ? pool.findModel(fallback.get<std::string>()) : nullptr;
    if (!strategy->m_default) return fail(ErrorKind::BadInput, where + ": \"default\" must name a pool model");
    return std::unique_ptr<Strategy>(std::move(strategy));
}

Async<StrategyResult> RulesStrategy::answer(StrategyContext& ctx) {
    const TaskItem& item = ctx.item();
    const std::string& prompt = item.prompt();
    const ModelSpec* chosen = m_default;
    std::string why = "no rule matched: default";
    for (const auto& rule : m_rules) {
        bool match = (!rule.category || *rule.category == item.category) &&
                     (!rule.regex || std::regex_search(prompt, *rule.regex)) &&
                     (!rule.minLength || int64_t(prompt.size()) >= *rule.minLength) &&
                     (!rule.maxLength || int64_t(prompt.size()) <= *rule.maxLength);
        if (match) {
            chosen = rule.model, why = rule.description;
            break;
        }
    }
    Reason reason{why + " -> " + chosen->name, std::nullopt, std::nullopt};
    auto asking = ctx.ask(*chosen, item.messages, CallRole::Answer, "0", "", std::move(reason));
    ModelCallResult call = co_await asking;
    StrategyResult result = call.ok() ? StrategyResult{call.text, false, ""} : fromFailedCall(call);
    co_return result;
}

} // namespace baton::core
