// SPDX-License-Identifier: MIT
#pragma once
/// `coordinator` (Conductor, TRINITY, Fugu): per item a sequence of turns; at each turn a learned
/// policy (a versioned workspace object, see CoordinatorPolicy) picks answer(m), plan(p),
/// verify(v), synthesize(s) or stop; every turn is a routing-tree node whose reason gives the
/// action probabilities and the choice (see coordinator_episode.h). Tiers: `mini` at most 2
/// downstream calls, answer and stop only; `ultra` up to `max_calls` (default 6) with plan,
/// verify and synthesize. `"policy": "planner-decides"` is the untrained baseline: the planner's
/// plan taken as it is (Conductor without training).
///
///   {"kind": "coordinator", "policy": "demo-ultra@2", "tier": "ultra", "lambda": 0.5, "max_calls": 6}
///   {"kind": "coordinator", "policy": "planner-decides", "tier": "ultra", "planner": "sim/pro"}
///
/// The run's snapshot pins the policy's version and content hash, so a resume uses that very one.

#include "strategies/coordinator_episode.h"
#include "strategies/strategy_kind.h"

namespace baton::core {

class CoordinatorStrategy : public Strategy {
public:
    static constexpr int kMiniCalls = 2;
    static constexpr int kMaxCalls = 12;
    static constexpr const char* kPlannerDecides = "planner-decides";

    /// `policy` empty: planner-decides with `planner`.
    CoordinatorStrategy(std::optional<CoordinatorPolicy> policy, EpisodeSettings settings);
    static StrategyKind kind();
    Async<StrategyResult> answer(StrategyContext& ctx) override;
    nlohmann::json pinnedSettings() const override;

    /// "name@3" -> ("name", 3); "name" -> ("name", nullopt); nullopt when malformed.
    static std::optional<std::pair<std::string, std::optional<int>>> parsePolicyRef(const std::string& text);

private:
    std::optional<CoordinatorPolicy> m_policy;
    EpisodeSettings m_settings;
};

} // namespace baton::core
