#pragma once
/// `similarity` (RouteLLM sw_ranking, RouterBench KNN): finds the k labelled items most similar
/// to the prompt (built-in TF-IDF vectoriser) and routes to the model with the best expected
/// grade minus lambda x expected cost (USD) among those neighbours. Labels are a baseline run's
/// outcomes in the workspace; the item itself is never its own neighbour. The reason logged
/// gives the neighbours' expected grade and cost and the score.
///
///   {"kind": "similarity", "k": 10, "lambda": 20, "models": ["sim/nano", "sim/coder", "sim/pro"], "labels_run": 3}

#include "run/strategy.h"
#include "strategies/labelled_outcomes.h"
#include "text/tfidf_index.h"

namespace baton::core {

class SimilarityStrategy : public Strategy {
public:
    /// `labels` must hold outcomes for every candidate model.
    static Result<std::unique_ptr<Strategy>> create(const Pool& pool, const std::string& name,
                                                    const nlohmann::json& settings, const LabelledOutcomes* labels);
    /// The candidate models of a configuration (all pool models when it lists none).
    static std::vector<std::string> candidates(const Pool& pool, const nlohmann::json& settings);
    Async<StrategyResult> answer(StrategyContext& ctx) override;

    struct Choice {
        const ModelSpec* model = nullptr;
        double expectedGrade = 0, expectedCostUsd = 0, score = 0;
        size_t neighbours = 0;
    };
    Choice choose(const TaskItem& item) const;
    int64_t labelsRun() const { return m_labels.runId; }

private:
    std::vector<const ModelSpec*> m_models;
    size_t m_k = 10;
    double m_lambda = 0;
    LabelledOutcomes m_labels;
    std::unique_ptr<TfidfIndex> m_index;
};

} // namespace baton::core
