// SPDX-License-Identifier: MIT
#include "strategies/similarity_strategy.h"
#include "model/money_text.h"
#include "strategies/settings_reader.h"

#include <cstdint>
#include <cstdio>

namespace baton::core {

SimilarityStrategy::SimilarityStrategy(std::vector<const ModelSpec*> models, size_t k, double lambda,
                                       LabelledOutcomes labels)
    : m_models(std::move(models)), m_k(k), m_lambda(lambda), m_labels(std::move(labels)) {
    std::vector<std::string> prompts;
    for (const auto& item : m_labels.items)
        prompts.push_back(item.prompt);
    m_index = std::make_unique<TfidfIndex>(prompts);
}

StrategyKind SimilarityStrategy::kind() {
    StrategyKind k;
    k.name = "similarity";
    k.description = "The k most similar labelled items pick the model with the best expected grade - lambda x cost.";
    k.settingsTemplate = {{"k", 10}, {"lambda", 20}};
    k.modelFields = {"models"};
    k.needsLabels = true;
    k.read = [](const StrategySource& source) -> std::optional<StrategyPlan> {
        SettingsReader s(source);
        s.known({"k", "lambda", "models", "labels_run"});
        auto models = s.models("models", JsonReader::Need::Optional);
        if (!s.settings().contains("models"))
            for (const auto& m : s.pool().models)
                models.push_back(&m);
        auto k = s.integer("k", 1, 10000, 10);
        auto lambda = s.number("lambda", 0, 1e12, 0);
        std::optional<int64_t> labelsRun;
        if (s.settings().contains("labels_run")) labelsRun = s.integer("labels_run", 1, INT64_MAX, 0);
        if (!s.ok()) return std::nullopt;
        CallPlan calls;
        calls.oneOf = models;
        std::string where = "strategy \"" + source.name + "\"";
        return StrategyPlan{std::move(calls),
                            [models, k = size_t(*k), lambda = *lambda, labelsRun,
                             where](const StrategyDeps& deps) -> Result<std::unique_ptr<Strategy>> {
                                std::vector<std::string> names;
                                for (const ModelSpec* m : models)
                                    names.push_back(m->name);
                                if (!deps.labels)
                                    return fail(ErrorKind::BadInput, where + ": no labelled data; run the baselines "
                                                                              "of these models first");
                                auto labels = deps.labels(names, labelsRun);
                                if (!labels) return fail(ErrorKind::BadInput, where + ": " + labels.error().message);
                                if (labels->items.empty())
                                    return fail(ErrorKind::BadInput, where + ": no labelled data; run the baselines "
                                                                              "of these models first");
                                return std::make_unique<SimilarityStrategy>(models, k, lambda, std::move(*labels));
                            }};
    };
    return k;
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
    std::snprintf(text, sizeof text, "%zu nearest labelled items: expected grade %.2f, expected cost %s, score %.3f (lambda %g) -> %s",
                  c.neighbours, c.expectedGrade, formatUsdFigure(c.expectedCostUsd).c_str(), c.score, m_lambda,
                  c.model->name.c_str());
    Reason reason{text, c.score, std::nullopt};
    auto asking = ctx.ask(*c.model, ctx.item().messages, CallRole::Answer, "0", "", std::move(reason));
    ModelCallResult call = co_await asking;
    StrategyResult result = call.ok() ? StrategyResult{call.text, false, ""} : fromFailedCall(call);
    co_return result;
}

} // namespace baton::core
