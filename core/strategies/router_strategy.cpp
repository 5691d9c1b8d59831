// SPDX-License-Identifier: MIT
#include "strategies/router_strategy.h"
#include "model/money_text.h"
#include "strategies/settings_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace baton::core {
namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::string fixed(const char* format, double v) {
    char text[64];
    std::snprintf(text, sizeof text, format, v);
    return text;
}

/// The lambda the settings ask for: given, met from a target on the saved validation curve, or saved.
Result<std::pair<double, std::string>> resolveLambda(const RouterArtifact& router, std::optional<double> lambda,
                                                     std::optional<RouterTarget> target) {
    if (lambda) return std::pair{*lambda, std::string("given")};
    if (!target) return std::pair{router.defaultLambda(), "saved with " + router.selector()};
    auto curve = operatingPointsFromJson(router.metrics.value("validation_curve", nlohmann::json::array()));
    if (curve.empty())
        return fail(ErrorKind::BadInput, "router " + router.selector() + " has no validation curve to meet a target on; "
                                                                          "give \"lambda\" or retrain it");
    auto k = pickOperatingPoint(curve, *target);
    if (!k) {
        double cheapest = INFINITY;
        for (const auto& p : curve)
            cheapest = std::min(cheapest, p.meanCostUsd);
        return fail(ErrorKind::BadInput, "router " + router.selector() + " cannot meet the target (" +
                                             describeTarget(*target) +
                                             ") on its validation split; its cheapest point costs " +
                                             formatUsdFigure(cheapest) + " per item: relax the target");
    }
    return std::pair{curve[*k].lambda, describeTarget(*target)};
}

} // namespace

std::string modelDifference(const std::vector<std::string>& routerModels, const std::vector<std::string>& poolModels) {
    std::set<std::string> r(routerModels.begin(), routerModels.end()), p(poolModels.begin(), poolModels.end());
    std::vector<std::string> onlyRouter, onlyPool;
    std::set_difference(r.begin(), r.end(), p.begin(), p.end(), std::back_inserter(onlyRouter));
    std::set_difference(p.begin(), p.end(), r.begin(), r.end(), std::back_inserter(onlyPool));
    std::string out;
    if (!onlyRouter.empty()) out += "the router knows " + joined(onlyRouter) + ", which the strategy does not route to";
    if (!onlyPool.empty())
        out += (out.empty() ? "" : "; ") + std::string("the strategy routes to ") + joined(onlyPool) +
               ", which the router was not trained on";
    return out;
}

Result<StrategyConfig> routerStrategyFor(const Pool& pool, const std::string& selector,
                                         const std::vector<std::string>& routerModels, double lambda) {
    std::vector<std::string> missing;
    for (const auto& name : routerModels)
        if (!pool.findModel(name)) missing.push_back(name);
    if (!missing.empty())
        return fail(ErrorKind::BadInput, "pool \"" + pool.name + "\" lacks " + joined(missing) + ", which router " +
                                             selector + " routes to; add those models to the pool first, or train "
                                                        "the router on the pool's models");
    StrategyConfig config{"router", {{"router", selector}, {"lambda", lambda}}};
    if (pool.models.size() != routerModels.size()) config.settings["models"] = routerModels;
    return config;
}

RouterStrategy::RouterStrategy(std::vector<const ModelSpec*> models, RouterArtifact router, double lambda,
                               std::string lambdaFrom, const ModelSpec* embedder)
    : m_models(std::move(models)), m_router(std::move(router)), m_lambda(lambda), m_lambdaFrom(std::move(lambdaFrom)),
      m_embedder(embedder) {}

StrategyKind RouterStrategy::kind() {
    StrategyKind k;
    k.name = "router";
    k.description = "A trained router (baton-cli router train) picks the model with the best P(correct) - lambda x cost.";
    k.settingsTemplate = {{"router", "my-router"}};
    k.modelFields = {"models"};
    k.read = [](const StrategySource& source) -> std::optional<StrategyPlan> {
        SettingsReader s(source);
        s.known({"router", "lambda", "target", "models"});
        auto selectorText = s.reader().string(s.settings(), source.path, "router", JsonReader::Need::Required);
        if (selectorText)
            if (auto parsed = parseRouterSelector(*selectorText); !parsed) s.error(s.at("router"), parsed.error().message);
        std::optional<double> lambda;
        if (s.settings().contains("lambda")) lambda = s.number("lambda", 0, 1e12, 0);
        auto models = s.models("models", JsonReader::Need::Optional, 2);
        const bool modelsGiven = s.settings().contains("models");
        if (!modelsGiven)
            for (const auto& m : s.pool().models)
                models.push_back(&m);
        std::optional<RouterTarget> target;
        if (s.settings().contains("target")) {
            std::string problem;
            target = routerTargetFromJson(s.settings()["target"], problem);
            if (s.settings().contains("lambda")) s.error(s.at("target"), "give \"lambda\" or \"target\", not both");
            else if (!target) s.error(s.at("target"), problem);
        }
        if (!s.ok()) return std::nullopt;
        CallPlan calls;
        calls.oneOf = models;
        std::string where = "strategy \"" + source.name + "\"";
        return StrategyPlan{std::move(calls), [models, modelsGiven, pool = &s.pool(), selector = *selectorText, lambda, target,
                                               where](const StrategyDeps& deps) -> Result<std::unique_ptr<Strategy>> {
                                if (!deps.routers)
                                    return fail(ErrorKind::BadInput, where + ": router " + selector +
                                                                         " needs a workspace to be read from");
                                auto router = deps.routers(selector);
                                if (!router) return fail(ErrorKind::BadInput, where + ": " + router.error().message);
                                const ModelSpec* embedder = nullptr;
                                std::vector<const ModelSpec*> routed = models;
                                if (const auto& features = router->model.features; features.usesEmbeddings()) {
                                    embedder = pool->findModel(features.embedderModel());
                                    if (!embedder)
                                        return fail(ErrorKind::BadInput,
                                                    where + ": router " + router->selector() +
                                                        " routes on embeddings from model " + features.embedderModel() +
                                                        " (" + features.embedder() + "), which the pool lacks; add " +
                                                        features.embedderModel() +
                                                        " to the pool (each item's prompt is embedded by it at run "
                                                        "time), or train a router with --features tfidf");
                                    const auto& knows = router->model.models;
                                    if (!modelsGiven &&
                                        std::find(knows.begin(), knows.end(), embedder->name) == knows.end())
                                        std::erase(routed, embedder); // the embedder is there to embed, not to answer
                                }
                                std::vector<std::string> names;
                                for (const ModelSpec* m : routed)
                                    names.push_back(m->name);
                                if (auto diff = modelDifference(router->model.models, names); !diff.empty())
                                    return fail(ErrorKind::BadInput,
                                                where + ": router " + router->selector() + " was trained on " +
                                                    joined(router->model.models) + "; " + diff +
                                                    ". Train a router on these models, or list the router's in \"models\"");
                                std::vector<const ModelSpec*> ordered;
                                for (const auto& name : router->model.models)
                                    ordered.push_back(*std::find_if(routed.begin(), routed.end(),
                                                                    [&](const ModelSpec* m) { return m->name == name; }));
                                auto resolved = resolveLambda(*router, lambda, target);
                                if (!resolved) return fail(ErrorKind::BadInput, where + ": " + resolved.error().message);
                                return std::make_unique<RouterStrategy>(std::move(ordered), std::move(*router),
                                                                        resolved->first, resolved->second, embedder);
                            }};
    };
    return k;
}

RouterStrategy::Decision RouterStrategy::decide(const TaskItem& item, const std::vector<float>* embedding) const {
    const RouterModel& r = m_router.model;
    Decision d;
    d.choice = r.choose(embedding ? r.features.vectorize(*embedding, item.category)
                                  : r.features.vectorize(item.prompt(), item.category),
                        item.category, m_lambda);
    const auto& c = d.choice;
    d.model = m_models[c.model];
    std::string text = "router " + m_router.selector() + ", lambda " + fixed("%g", m_lambda) + " (" + m_lambdaFrom +
                       "); P(correct), expected cost, score:";
    for (size_t m = 0; m < m_models.size(); ++m)
        text += (m ? "; " : " ") + m_models[m]->name + " " + fixed("%.3f", c.probability[m]) + " " +
                formatUsdFigure(c.expectedCost[m]) + " " +
                fixed("%.3f", c.score[m]);
    size_t likeliest = size_t(std::max_element(c.probability.begin(), c.probability.end()) - c.probability.begin());
    size_t runnerUp = c.model == 0 && m_models.size() > 1 ? 1 : 0;
    for (size_t m = 0; m < m_models.size(); ++m)
        if (m != c.model && c.score[m] > c.score[runnerUp]) runnerUp = m;
    text += " -> " + d.model->name + ": ";
    if (m_models.size() == 1) {
        text += "the only model";
    } else if (likeliest == c.model) {
        text += "likeliest right, and its score beats " + m_models[runnerUp]->name + "'s " +
                fixed("%.3f", c.score[runnerUp]);
    } else {
        double dp = c.probability[likeliest] - c.probability[c.model];
        double dc = c.expectedCost[likeliest] - c.expectedCost[c.model];
        text += m_models[likeliest]->name + " is likelier right by " + fixed("%.3f", dp) + " but costs " +
                (std::isnan(dc) ? std::string("an unknown amount") : formatUsdFigure(dc)) + " more, lambda x that = " +
                (std::isnan(dc) ? std::string("unknown") : fixed("%.3f", m_lambda * dc));
    }
    d.reason = std::move(text);
    return d;
}

Async<StrategyResult> RouterStrategy::answer(StrategyContext& ctx) {
    const RouterFeatures& features = m_router.model.features;
    ModelCallResult embedded;
    if (m_embedder) {
        // Vectors of another embedder are refused before one is paid for.
        if (std::string here = ctx.embedderIdentity(*m_embedder); here != features.embedder())
            co_return StrategyResult{"", false,
                                     "router " + m_router.selector() + " was trained on embeddings from " +
                                         features.embedder() + ", but model " + m_embedder->name + " here is " + here +
                                         ": its vectors are not the ones the router learnt from; point the model at "
                                         "the same endpoint and remote model, or retrain the router with it"};
        Reason why{"the features router " + m_router.selector() + " routes on: the prompt's embedding by " +
                       m_embedder->name,
                   std::nullopt, std::nullopt};
        auto embedding = ctx.embed(*m_embedder, ctx.item().prompt(), "embed", "", std::move(why));
        embedded = co_await embedding;
        if (!embedded.ok()) co_return fromFailedCall(embedded);
        if (int(embedded.embedding.size()) != features.embeddingDims())
            co_return StrategyResult{"", false,
                                     "router " + m_router.selector() + " was trained on " +
                                         std::to_string(features.embeddingDims()) + "-dimensional embeddings, but " +
                                         m_embedder->name + " answered " + std::to_string(embedded.embedding.size()) +
                                         " dimensions; retrain the router"};
    }
    Decision d = decide(ctx.item(), m_embedder ? &embedded.embedding : nullptr);
    Reason reason{d.reason, d.choice.score[d.choice.model], std::nullopt};
    auto asking = ctx.ask(*d.model, ctx.item().messages, CallRole::Answer, "0", m_embedder ? "embed" : "",
                          std::move(reason));
    ModelCallResult call = co_await asking;
    StrategyResult result = call.ok() ? StrategyResult{call.text, false, ""} : fromFailedCall(call);
    co_return result;
}

} // namespace baton::core
