// SPDX-License-Identifier: MIT
#pragma once
/// CoordinatorPolicy: the learned coordinator's small softmax head. At each turn it scores every
/// action allowed in the state (answer(m), plan(p), verify(v), synthesize(s), stop) from the
/// item's features (category one-hot, prompt length, hashed TF-IDF of the prompt) and the turn's
/// state (answer so far, verdict, plan executed, calls and cost so far, and from feature set 2 the
/// turn):
///
///   logit(kind, m) = theta_kind . phi(item, state) + beta_(kind, m) . psi(item)
///
/// phi is every feature, psi the bias and the category (so the model preference is per
/// category), which keeps the parameter count small enough for an evolution strategy. The
/// policy is a versioned workspace object; its JSON form is the exported file.
/// Errors: fromJson reports what is wrong with a stored or imported policy at its JSON path.

#include "text/tfidf_vectorizer.h"
#include "util/result.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace baton::core {

enum class CoordinatorTier { Mini, Ultra };
enum class ActionKind { Answer, Plan, Verify, Synthesize, Stop };
std::string toString(CoordinatorTier tier);
std::optional<CoordinatorTier> coordinatorTierFromString(const std::string& text);
std::string toString(ActionKind kind);

/// One action: a kind and, except for stop, the index of a model in the policy's pool.
struct CoordinatorAction {
    ActionKind kind = ActionKind::Stop;
    int model = -1;
    bool operator==(const CoordinatorAction&) const = default;
};

/// What the policy sees of the episode so far.
struct TurnState {
    int calls = 0;                ///< downstream calls made so far
    int maxCalls = 1;             ///< the tier's limit
    double costOverReference = 0; ///< cost so far / the policy's cost reference
    bool hasAnswer = false;
    int verdict = 0;         ///< +1 the last answer passed a verifier, -1 it failed, 0 not verified
    bool planned = false;    ///< a plan was carried out
    bool planFailed = false; ///< the planner's reply could not be read
    int depth = 0;           ///< plans above this decision: 0 a turn, 1 a sub-task of a plan, 2 of a nested plan
    int turn = 0;            ///< the turn, from 0 (a sub-task's decision: the turn of its plan)
};

/// The item as the policy sees it (computed once per item).
struct ItemFeatures {
    std::vector<float> item; ///< bias, category one-hot, log length, TF-IDF buckets
    int category = -1;       ///< index into the policy's categories, -1 unseen
};

class CoordinatorPolicy {
public:
    static constexpr int kTextBuckets = 8;
    static constexpr int kStateFeatures = 7;
    /// The state features a policy sees: 1, the seven of kStateFeatures (policies trained before
    /// the turn was one; a file without `feature_set` reads as 1); 2, those and the turn over the
    /// call limit (a turn makes at least one call, so it is below 1). New policies get the latest.
    static constexpr int kFeatureSet = 2;
    /// The issue's recursion depth limit: a sub-task of a plan may be planned again once.
    static constexpr int kMaxDepth = 2;

    std::string name;
    int version = 0; ///< 0 until saved in a workspace
    CoordinatorTier tier = CoordinatorTier::Ultra;
    double lambda = 0; ///< reward = grade - lambda x cost / costReferenceUsd
    double costReferenceUsd = 0;
    /// How deep plans may nest: 1, one plan per item (policies before nested plans); 2, a
    /// sub-task of the item's plan may be planned again (its sub-tasks are then answered). With
    /// 2 the state has one more feature, the depth, so the policy decides per sub-task.
    int maxDepth = 1;
    int featureSet = 1;                                 ///< see kFeatureSet
    std::vector<std::string> models;                    ///< the pool it chooses from, by name
    std::vector<std::string> categories;                ///< seen in training
    std::vector<float> idf;                             ///< the TF-IDF weights (kTextBuckets)
    std::vector<double> parameters;                     ///< see parameterCount()
    nlohmann::json training = nlohmann::json::object(); ///< data hash, splits, seed, budget, curve
    nlohmann::json metrics = nlohmann::json::object();  ///< train / validation / test figures

    /// A zero-parameter policy for `models` and `categories`, TF-IDF fitted on `prompts`.
    static CoordinatorPolicy untrained(std::string name, CoordinatorTier tier, std::vector<std::string> models,
                                       std::vector<std::string> categories, const std::vector<std::string>& prompts,
                                       int maxDepth = 1, int featureSet = kFeatureSet);

    /// The action kinds this tier may take.
    std::vector<ActionKind> kinds() const;
    int itemFeatureCount() const { return 1 + int(categories.size()) + 1 + kTextBuckets; }
    int stateFeatureCount() const { return kStateFeatures + (featureSet >= 2 ? 1 : 0) + (maxDepth > 1 ? 1 : 0); }
    int featureCount() const { return itemFeatureCount() + stateFeatureCount(); }
    int parameterCount() const;

    ItemFeatures features(const std::string& prompt, const std::string& category) const;
    /// Every action with its logit; `allowed` filters by the episode's rules.
    std::vector<std::pair<CoordinatorAction, double>> logits(const ItemFeatures& item, const TurnState& state) const;
    /// Whether to hand a planned sub-task to the policy's preferred model instead of the planner's.
    bool reroutes(const ItemFeatures& item) const;
    /// The model the policy prefers to answer this item (argmax of its answer preferences).
    int preferredModel(const ItemFeatures& item) const;

    /// "name@version".
    std::string id() const { return name + "@" + std::to_string(version); }
    std::string label(const CoordinatorAction& a) const;
    nlohmann::json toJson() const;
    /// Errors: BadInput naming the field (JSON path) that is missing or wrong.
    static Result<CoordinatorPolicy> fromJson(const nlohmann::json& j, const std::string& where);
    /// SHA-256 of the JSON form without version and metrics: what was learnt, for the run snapshot.
    std::string contentHash() const;

private:
    double dot(size_t offset, const std::vector<float>& x) const;
    size_t kindOffset(ActionKind k) const;
    size_t modelOffset(ActionKind k, int model) const;
    size_t rerouteOffset() const;
};

/// Softmax of the logits, numerically stable.
std::vector<double> softmax(const std::vector<double>& logits);

} // namespace baton::core
