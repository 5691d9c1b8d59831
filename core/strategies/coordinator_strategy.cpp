// SPDX-License-Identifier: MIT
#include "strategies/coordinator_strategy.h"
#include "strategies/settings_reader.h"

#include <cmath>

namespace baton::core {
namespace {

/// The episode's calls as routing-tree nodes of a run.
class RunCalls : public CoordinatorCalls {
public:
    explicit RunCalls(StrategyContext& ctx) : m_ctx(ctx) {}
    Async<ModelCallResult> ask(const ModelSpec& model, std::vector<Message> messages, CallRole role, std::string node,
                               std::string parent, Reason reason) override {
        return m_ctx.ask(model, std::move(messages), role, std::move(node), std::move(parent), std::move(reason));
    }
    void annotate(const std::string& node, const Reason& reason) override { m_ctx.annotate(node, reason); }

private:
    StrategyContext& m_ctx;
};

/// The pool's dearest models by inline output price (all of them when some price is not inline):
/// the worst case of a call the policy may make.
std::vector<const ModelSpec*> dearest(const Pool& pool) {
    const ModelSpec* top = nullptr;
    for (const auto& m : pool.models) {
        if (!m.priceOverride || !m.priceOverride->prices.output) {
            std::vector<const ModelSpec*> all;
            for (const auto& x : pool.models)
                all.push_back(&x);
            return all;
        }
        if (!top || *m.priceOverride->prices.output > *top->priceOverride->prices.output) top = &m;
    }
    return top ? std::vector<const ModelSpec*>{top} : std::vector<const ModelSpec*>{};
}

struct Read {
    std::string policy;
    std::optional<int> version;
    std::string pinnedHash;
    CoordinatorTier tier = CoordinatorTier::Ultra;
    std::optional<double> lambda;
    int maxCalls = 6;
    const ModelSpec* planner = nullptr;
};

Result<std::unique_ptr<Strategy>> build(const Read& r, const Pool& pool, const StrategyDeps& deps,
                                        const std::string& where) {
    EpisodeSettings settings;
    settings.maxCalls = r.maxCalls;
    if (r.policy == CoordinatorStrategy::kPlannerDecides) {
        settings.planner = r.planner;
        for (const auto& m : pool.models)
            settings.models.push_back(&m);
        return std::make_unique<CoordinatorStrategy>(std::nullopt, settings);
    }
    if (!deps.policies)
        return fail(ErrorKind::BadInput, where + ": policy \"" + r.policy + "\" needs a workspace to be read from");
    auto policy = deps.policies(r.policy, r.version);
    if (!policy) return fail(ErrorKind::BadInput, where + ": " + policy.error().message);
    if (!r.pinnedHash.empty() && policy->contentHash() != r.pinnedHash)
        return fail(ErrorKind::BadInput, where + ": policy " + policy->id() +
                                             " is not the one this run started with (its content hash differs)");
    if (policy->tier != r.tier)
        return fail(ErrorKind::BadInput, where + ": policy " + policy->id() + " was trained for tier " +
                                             toString(policy->tier) + ", but the configuration says \"" +
                                             toString(r.tier) + "\"; train one for this tier or change \"tier\"");
    if (r.lambda && std::abs(*r.lambda - policy->lambda) > 1e-12)
        return fail(ErrorKind::BadInput, where + ": policy " + policy->id() + " was trained with lambda " +
                                             JsonReader::describe(policy->lambda) + ", not " +
                                             JsonReader::describe(*r.lambda) +
                                             "; train one for this lambda or leave \"lambda\" out");
    for (const auto& name : policy->models) {
        const ModelSpec* m = pool.findModel(name);
        if (!m)
            return fail(ErrorKind::BadInput, where + ": policy " + policy->id() + " chooses among models the pool " +
                                                 "does not have: \"" + name + "\"; use the pool it was trained on");
        settings.models.push_back(m);
    }
    settings.policy = nullptr; // set by the strategy to its own copy
    return std::make_unique<CoordinatorStrategy>(std::move(*policy), settings);
}

} // namespace

CoordinatorStrategy::CoordinatorStrategy(std::optional<CoordinatorPolicy> policy, EpisodeSettings settings)
    : m_policy(std::move(policy)), m_settings(std::move(settings)) {
    m_settings.policy = m_policy ? &*m_policy : nullptr;
}

std::optional<std::pair<std::string, std::optional<int>>> CoordinatorStrategy::parsePolicyRef(const std::string& text) {
    size_t at = text.rfind('@');
    std::string name = at == std::string::npos ? text : text.substr(0, at);
    if (name.empty() || name.find_first_of(" \t\r\n") != std::string::npos) return std::nullopt;
    if (at == std::string::npos) return std::pair<std::string, std::optional<int>>{name, std::nullopt};
    std::string digits = text.substr(at + 1);
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(digits) < 1)
        return std::nullopt;
    return std::pair<std::string, std::optional<int>>{name, std::stoi(digits)};
}

StrategyKind CoordinatorStrategy::kind() {
    StrategyKind k;
    k.name = "coordinator";
    k.description = "Learned coordinator: a trained policy answers, plans, verifies or synthesizes turn by turn.";
    k.settingsTemplate = {{"policy", kPlannerDecides}, {"tier", "ultra"}, {"max_calls", 6}};
    k.modelFields = {"planner"};
    k.choiceFields = {{"tier", {"mini", "ultra"}}};
    k.read = [](const StrategySource& source) -> std::optional<StrategyPlan> {
        SettingsReader s(source);
        s.known({"policy", "tier", "lambda", "max_calls", "planner", "policy_sha256"});
        Read r;
        auto policy = s.reader().string(s.settings(), source.path, "policy", JsonReader::Need::Required);
        if (policy) {
            auto ref = parsePolicyRef(*policy);
            if (!ref)
                s.error(s.at("policy"), "expected \"name@version\" (version 1 or more), \"name\" for its latest "
                                        "version, or \"planner-decides\"; got " +
                                            JsonReader::describe(*policy));
            else
                r.policy = ref->first, r.version = ref->second;
        }
        auto tier = s.oneOf("tier", {"mini", "ultra"}, "ultra");
        if (tier) r.tier = *coordinatorTierFromString(*tier);
        if (s.settings().contains("lambda")) {
            auto lambda = s.number("lambda", 0, 1e6, 0);
            if (lambda) r.lambda = *lambda;
        }
        if (r.tier == CoordinatorTier::Mini) {
            r.maxCalls = kMiniCalls;
            if (s.settings().contains("max_calls"))
                if (auto n = s.integer("max_calls", 1, kMiniCalls, kMiniCalls)) r.maxCalls = int(*n);
        } else if (auto n = s.integer("max_calls", 3, kMaxCalls, 6)) {
            r.maxCalls = int(*n);
        }
        if (r.policy == kPlannerDecides) {
            if (r.tier == CoordinatorTier::Mini)
                s.error(s.at("tier"), "planner-decides plans and verifies, which the mini tier does not allow; "
                                      "use \"ultra\"");
            r.planner = s.model("planner", JsonReader::Need::Optional);
            if (!r.planner && !s.settings().contains("planner") && !s.pool().models.empty()) {
                auto top = dearest(s.pool());
                r.planner = top.size() == 1 ? top.front() : &s.pool().models.back();
            }
        } else if (s.settings().contains("planner")) {
            s.error(s.at("planner"), "only \"planner-decides\" takes a planner; a trained policy chooses its own");
        }
        if (s.settings().contains("policy_sha256")) {
            if (auto h = s.reader().string(s.settings(), source.path, "policy_sha256", JsonReader::Need::Optional))
                r.pinnedHash = *h;
        }
        if (!s.ok()) return std::nullopt;
        CallPlan calls;
        for (const auto& m : s.pool().models)
            calls.oneOf.push_back(&m);
        auto top = dearest(s.pool());
        for (int extra = 1; extra < r.maxCalls; ++extra)
            calls.sometimes.insert(calls.sometimes.end(), top.begin(), top.end());
        const Pool& pool = s.pool();
        std::string where = "strategy \"" + source.name + "\"";
        return StrategyPlan{std::move(calls),
                            [r, &pool, where](const StrategyDeps& deps) { return build(r, pool, deps, where); }};
    };
    return k;
}

nlohmann::json CoordinatorStrategy::pinnedSettings() const {
    if (!m_policy) return {{"planner", m_settings.planner->name}};
    return {{"policy", m_policy->id()}, {"policy_sha256", m_policy->contentHash()}};
}

Async<StrategyResult> CoordinatorStrategy::answer(StrategyContext& ctx) {
    RunCalls calls(ctx);
    auto episode = runEpisode(m_settings, ctx.item(), calls);
    EpisodeResult r = co_await episode;
    StrategyResult result{r.answer, r.incomplete, r.incomplete || r.answer.empty() ? r.error : ""};
    co_return result;
}

} // namespace baton::core
