// SPDX-License-Identifier: MIT
#pragma once
/// One coordinator episode: the turns of one item. At each turn the policy's softmax over the
/// actions allowed in the state picks the most probable one (ties to the first listed), the call
/// it implies is made as routing-tree node "t<turn>" under the previous turn's node, and its
/// reason logs the probabilities and the choice. plan(p) asks p with the versioned plan prompt
/// and carries out its sub-tasks ("t<turn>.<id>" under the plan node; each may be re-routed to
/// the policy's preferred model), with the outputs listed in "uses" as their context; verify(v)
/// sets the verdict; synthesize(s) combines the outputs so far; stop returns the current answer.
/// A policy with maxDepth 2 decides per sub-task, in the sub-task's state (depth 1), whether to
/// plan it again (plan(p) winning its softmax over answer and plan): the sub-task's node is then
/// the nested plan, its sub-tasks "t<turn>.<id>.<id>" under it, answered (no plan at depth 2), and
/// the last one's output is the sub-task's. Every call, nested or not, counts against the limit.
/// Rules, not learnt: a tier's call limit, one plan per turn-level item, plans at most the
/// policy's maxDepth deep, verify needs an unverified answer, synthesize needs two outputs, stop
/// needs an answer.
/// The untrained "planner-decides" baseline takes the planner's plan as it is instead.

#include "run/async.h"
#include "run/model_call.h"
#include "strategies/coordinator_policy.h"

#include <string>
#include <vector>

namespace baton::core {

/// Where an episode's calls go: a run's StrategyContext, or training's cached rollouts.
class CoordinatorCalls {
public:
    virtual ~CoordinatorCalls() = default;
    virtual Async<ModelCallResult> ask(const ModelSpec& model, std::vector<Message> messages, CallRole role,
                                       std::string node, std::string parent, Reason reason) = 0;
    /// Rewrites the reason of a node after its call returned (the verdict, the plan read).
    virtual void annotate(const std::string& node, const Reason& reason) = 0;
};

struct EpisodeStep {
    CoordinatorAction action;
    double probability = 0;
    std::string node;
};

struct EpisodeResult {
    std::string answer;
    bool incomplete = false; ///< a call was stopped by the budget or a cancel
    std::string error;
    int calls = 0;      ///< downstream calls asked (retries are the caller's)
    double costUsd = 0; ///< known costs of those calls
    bool costUnknown = false;
    std::vector<EpisodeStep> steps;
    bool decomposed = false; ///< a plan with two or more sub-tasks was carried out
    int nestedPlans = 0;     ///< sub-tasks planned again (depth 2)
};

struct EpisodeSettings {
    const CoordinatorPolicy* policy = nullptr; ///< null: planner-decides
    const ModelSpec* planner = nullptr;        ///< planner-decides: who plans, verifies, synthesizes
    std::vector<const ModelSpec*> models;      ///< the policy's models, resolved in the pool
    int maxCalls = 6;
};

Async<EpisodeResult> runEpisode(const EpisodeSettings& settings, const TaskItem& item, CoordinatorCalls& calls);

} // namespace baton::core
