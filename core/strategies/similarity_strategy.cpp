#include "strategies/similarity_strategy.h"

#include <cstdio>

namespace baton::core {

std::vector<std::string> SimilarityStrategy::candidates(const Pool& pool, const nlohmann::json& s) {
    std::vector<std::string> names;
    const auto& models = s.value("models", nlohmann::json::array());
    if (models.is_array() && !models.empty()) {
        for (const auto& m : models)
            if (m.is_string()) names.push_back(m.get<std::string>());
    } else {
        for (const auto& m : pool.models)
            names.push_back(m.name);
    }
    return names;
}

Result<std::unique_ptr<Strategy>> SimilarityStrategy::create(const Pool& pool, const std::string& name,
                                                             const nlohmann::json& s, const LabelledOutcomes* labels) {
    auto strategy = std::make_unique<SimilarityStrategy>();
    std::string where = "strategy \"" + name + "\"";
    for (const auto& n : candidates(pool, s)) {
        const ModelSpec* m = pool.findModel(n);
        if (!m) return fail(ErrorKind::BadInput, where + ": model \"" + n + "\" is not in the pool");
        strategy->m_models.push_back(m);
    }
    auto k = s.value("k", nlohmann::json(10));
    if (!k.is_number_integer() || k.get<int>() < 1)
        return fail(ErrorKind::BadInput, where + ": \"k\" must be a positive integer");
    strategy->m_k = size_t(k.get<int>());
    auto lambda = s.value("lambda", nlohmann::json(0.0));
    if (!lambda.is_number() || lambda.get<double>() < 0)
        return fail(ErrorKind::BadInput, where + ": \"lambda\" must be a number >= 0");
    strategy->m_lambda = lambda.get<double>();
    if (!labels || labels->items.empty())
        return fail(ErrorKind::BadInput, where + ": no labelled data; run the baselines of these models first");
    strategy->m_labels = *labels;
    std::vector<std::string> prompts;
    for (const auto& item : strategy->m_labels.items)
        prompts.push_back(item.prompt);
    strategy->m_index = std::make_unique<TfidfIndex>(prompts);
    return std::unique_ptr<Strategy>(std::move(strategy));
}

SimilarityStrategy::Choice SimilarityStrategy::choose(const TaskItem& item) const {
    const auto& labels = m_labels.items;
    auto neighbours = m_index->nearest(
        item.prompt(), m_k, [&](size_t i) { return labels[i].itemId == item.id || labels[i].prompt == item.prompt(); });
    Choice best;
    best.neighbours = neighbours.size();
    for (const ModelSpec* m : m_models) {
        double grade = 0, cost = 0;
        for (const auto& [i, similarity] : neighbours) {
            grade += labels[i].grade.count(m->name) ? labels[i].grade.at(m->name) : 0;
            cost += labels[i].costUsd.count(m->name) ? labels[i].costUsd.at(m->name) : 0;
        }
        double n = double(std::max<size_t>(neighbours.size(), 1));
        Choice c{m, grade / n, cost / n, grade / n - m_lambda * cost / n, neighbours.size()};
        if (!best.model || c.score > best.score) best = c;
    }
    return best;
}

Async<StrategyResult> SimilarityStrategy::answer(StrategyContext& ctx) {
    Choice c = choose(ctx.item());
    char text[256];
    std::snprintf(text, sizeof text,
                  "%zu nearest labelled items: expected grade %.2f, expected cost $%.6f, score %.3f (lambda %g) -> %s",
                  c.neighbours, c.expectedGrade, c.expectedCostUsd, c.score, m_lambda, c.model->name.c_str());
    Reason reason{text, c.score, std::nullopt};
    auto asking = ctx.ask(*c.model, ctx.item().messages, CallRole::Answer, "0", "", std::move(reason));
    ModelCallResult call = co_await asking;
    StrategyResult result = call.ok() ? StrategyResult{call.text, false, ""} : fromFailedCall(call);
    co_return result;
}

} // namespace baton::core
