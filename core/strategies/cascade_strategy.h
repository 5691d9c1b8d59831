// SPDX-License-Identifier: MIT
#pragma once
/// `cascade` (FrugalGPT): models from cheap to expensive. After each answer but the last, a
/// scorer rates it and the cascade stops when the score reaches that stage's threshold:
///   - "judge": a judge model with the judge template; score = P(correct) from its verdict and
///     confidence. An unreadable or failed judge reply escalates with no score logged, and the reason says so.
///   - "agreement": a second sample of the same model; score 1 if the two final answers agree.
///   - "format": answer-format confidence; 1 when the reply ends with a readable final answer.
/// Tree: stage k's answer is node "k"; its judge or second sample is node "k.s" under it; each
/// stage hangs under the previous stage's answer.
///
///   {"kind": "cascade", "chain": ["sim/nano", "sim/flash", "sim/pro"], "scorer": "judge",
///    "judge": "sim/mini", "thresholds": [0.8, 0.7]}

#include "strategies/strategy_kind.h"

namespace baton::core {

enum class CascadeScorer { Judge, Agreement, Format };

class CascadeStrategy : public Strategy {
public:
    struct Settings {
        std::vector<const ModelSpec*> chain;
        std::vector<double> thresholds; ///< one per stage but the last
        CascadeScorer scorer = CascadeScorer::Judge;
        const ModelSpec* judge = nullptr;
    };
    explicit CascadeStrategy(Settings settings)
        : m_chain(std::move(settings.chain)), m_thresholds(std::move(settings.thresholds)), m_scorer(settings.scorer),
          m_judge(settings.judge) {}
    static StrategyKind kind();
    Async<StrategyResult> answer(StrategyContext& ctx) override;

private:
    std::vector<const ModelSpec*> m_chain;
    std::vector<double> m_thresholds; ///< one per stage but the last
    CascadeScorer m_scorer = CascadeScorer::Judge;
    const ModelSpec* m_judge = nullptr;
};

/// The final answer a reply commits to ("The answer is X" or the whole trimmed reply).
std::string finalAnswerOf(const std::string& reply);
/// Reads a judge reply ({"correct": bool, "confidence": x}) into P(correct); nullopt if unreadable.
std::optional<double> judgeScore(const std::string& reply);

} // namespace baton::core
