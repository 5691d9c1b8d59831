// SPDX-License-Identifier: MIT
#pragma once
/// `similarity` (RouteLLM sw_ranking, RouterBench KNN): finds the k labelled items most similar
/// to the prompt (built-in TF-IDF vectoriser) and routes to the model with the best expected
/// grade minus lambda x expected cost (USD) among those neighbours. Labels are a baseline run's
/// outcomes in the workspace; the item itself is never its own neighbour. The reason logged
/// gives the neighbours' expected grade and cost and the score.
///
///   {"kind": "similarity", "k": 10, "lambda": 20, "models": ["sim/nano", "sim/coder", "sim/pro"], "labels_run": 3}

#include "strategies/labelled_outcomes.h"
#include "strategies/strategy_kind.h"
#include "text/tfidf_index.h"

namespace baton::core {

class SimilarityStrategy : public Strategy {
public:
    /// `labels` hold outcomes for every one of `models`.
    SimilarityStrategy(std::vector<const ModelSpec*> models, size_t k, double lambda, LabelledOutcomes labels);
    static StrategyKind kind();
    nlohmann::json pinnedSettings() const override { return {{"labels_run", m_labels.runId}}; }
    Async<StrategyResult> answer(StrategyContext& ctx) override;

    struct Choice {
        const ModelSpec* model = nullptr;
        double expectedGrade = 0, expectedCostUsd = 0, score = 0;
        size_t neighbours = 0;
    };
    Choice choose(const TaskItem& item) const;

private:
    std::vector<const ModelSpec*> m_models;
    size_t m_k = 10;
    double m_lambda = 0;
    LabelledOutcomes m_labels;
    std::unique_ptr<TfidfIndex> m_index;
};

} // namespace baton::core
