// SPDX-License-Identifier: MIT
#include "strategies/rules_strategy.h"
#include "strategies/settings_reader.h"

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

namespace {

std::optional<RoutingRule> readRule(SettingsReader& s, const nlohmann::json& r, const std::string& path, size_t index) {
    JsonReader& reader = s.reader();
    reader.warnUnknown(r, path, {"category", "regex", "min_length", "max_length", "model", "model_tags"});
    RoutingRule rule;
    std::vector<std::string> parts;
    if ((rule.category = reader.string(r, path, "category", JsonReader::Need::Optional)))
        parts.push_back("category == " + *rule.category);
    if (auto pattern = reader.string(r, path, "regex", JsonReader::Need::Optional)) {
        try {
            rule.regex = std::regex(*pattern, std::regex::ECMAScript | std::regex::icase);
            parts.push_back("prompt matches /" + *pattern + "/");
        } catch (const std::regex_error& e) {
            s.error(JsonReader::child(path, "regex"), std::string("not a valid regular expression (") + e.what() + ")");
        }
    }
    if ((rule.minLength = reader.integer(r, path, "min_length", JsonReader::Need::Optional)))
        parts.push_back("length >= " + std::to_string(*rule.minLength));
    if ((rule.maxLength = reader.integer(r, path, "max_length", JsonReader::Need::Optional)))
        parts.push_back("length <= " + std::to_string(*rule.maxLength));
    if (r.contains("model")) {
        rule.model = s.modelAt(r["model"], JsonReader::child(path, "model"));
    } else if (const auto* tags = reader.object(r, path, "model_tags", JsonReader::Need::Optional)) {
        rule.model = modelWithTags(s.pool(), *tags);
        if (!rule.model) s.error(JsonReader::child(path, "model_tags"), "no pool model carries all these tags");
    } else {
        s.error(path, "name a \"model\" (or \"model_tags\") for this rule");
    }
    bool conditions = r.contains("category") || r.contains("regex") || r.contains("min_length") ||
                      r.contains("max_length");
    if (!conditions && rule.model)
        s.error(path, "give at least one condition (category, regex, min_length, max_length)");
    std::string description;
    for (const auto& p : parts)
        description += (description.empty() ? "" : " and ") + p;
    rule.description = "rule " + std::to_string(index + 1) + ": " + description;
    return rule;
}

} // namespace

StrategyKind RulesStrategy::kind() {
    StrategyKind k;
    k.name = "rules";
    k.description = "Ordered rules on category, prompt regex and length pick a model; else the default.";
    k.settingsTemplate = {{"rules", nlohmann::json::array({{{"category", ""}, {"model", ""}}})}, {"default", ""}};
    k.modelFields = {"default"};
    k.read = [](const StrategySource& source) -> std::optional<StrategyPlan> {
        SettingsReader s(source);
        s.known({"rules", "default"});
        std::vector<RoutingRule> rules;
        if (const auto* list = s.reader().array(s.settings(), source.path, "rules", JsonReader::Need::Optional))
            for (size_t i = 0; i < list->size(); ++i) {
                std::string path = JsonReader::child(s.at("rules"), i);
                if (!(*list)[i].is_object())
                    s.error(path, "expected a rule object, got " + JsonReader::describe((*list)[i]));
                else if (auto rule = readRule(s, (*list)[i], path, i))
                    rules.push_back(std::move(*rule));
            }
        const ModelSpec* fallback = s.model("default", JsonReader::Need::Required);
        if (!s.ok()) return std::nullopt;
        CallPlan calls;
        calls.oneOf = {fallback};
        for (const auto& rule : rules)
            calls.oneOf.push_back(rule.model);
        return StrategyPlan{std::move(calls),
                            [rules, fallback](const StrategyDeps&) -> Result<std::unique_ptr<Strategy>> {
                                return std::make_unique<RulesStrategy>(rules, *fallback);
                            }};
    };
    return k;
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
