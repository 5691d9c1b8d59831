// SPDX-License-Identifier: MIT
#pragma once
/// How a simulated model answers the workbench's role prompts. The modelling choices:
/// - judge / verify: grades the candidate against the item's reference; the verdict is right
///   with the model's judge_skill, else flipped.
/// - aggregate: if some candidate is right, picks it with the model's skill for the category;
///   otherwise (or on a miss) answers with the candidates' majority.
/// - plan: decomposes multi-step items more often the better the planner (judge_skill), and
///   long-context items less often; names models from the prompt's list; returns malformed JSON
///   at the model's format_error_rate.
/// - subtask: right with the model's skill for the category, plus the profile's multi-step bonus
///   or minus its long-context penalty when the item was decomposed.
/// - synthesize: keeps a right last step with probability 0.5 + 0.5 x skill; recovers from a
///   wrong one with 0.3 x skill.
/// Any role reply is garbage (no JSON, no verdict) at the model's format_error_rate.

#include "prompts/role_prompts.h"
#include "sim/item_index.h"
#include "sim/sim_profile.h"
#include "util/rng.h"

#include <string>

namespace baton::core {

struct RoleContext {
    const SimModel& model;
    const TaskItem* item; ///< the item the question is about; may be null
    const ItemIndex& index;
    const DecompositionEffect& decomposition;
    Rng& rng;
};

/// The final answer text the role reply should carry, or the whole reply for judge/verify/plan.
struct RoleReply {
    std::string answer;   ///< for answer-like roles: the final answer to wrap in a reply
    std::string verbatim; ///< for format roles: the exact reply text
};

RoleReply answerRolePrompt(const RecognisedPrompt& prompt, const RoleContext& ctx);

/// True when `answer` is right for `item` under its grader.
bool isCorrect(const TaskItem& item, const TaskSet& set, const std::string& answer);

} // namespace baton::core
