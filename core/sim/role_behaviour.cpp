// SPDX-License-Identifier: MIT
#include "sim/role_behaviour.h"
#include "eval/answer_extraction.h"
#include "eval/grader.h"
#include "sim/answer_writer.h"

#include <cstdio>
#include <map>

namespace baton::core {
namespace {

std::string gold(const TaskItem& item) {
    return item.references.empty() ? "" : item.references.front();
}

bool metaFlag(const TaskItem* item, const char* key) {
    return item && item->metadata.is_object() && item->metadata.value(key, false);
}

std::string answerOf(const std::string& text) {
    auto marked = markedAnswer(text);
    return trimmed(marked ? *marked : text);
}

std::string formatConfidence(double c) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2f", c);
    return buffer;
}

RoleReply verdict(const RoleContext& ctx, const std::string& candidate, bool judgeStyle) {
    bool truth = ctx.item ? isCorrect(*ctx.item, ctx.index.taskSet(), candidate) : ctx.rng.chance(0.5);
    bool right = ctx.rng.chance(ctx.model.judgeSkill);
    bool says = right ? truth : !truth;
    double confidence = right ? 0.6 + 0.35 * ctx.rng.uniform() : 0.5 + 0.3 * ctx.rng.uniform();
    if (judgeStyle)
        return {"", std::string("{\"correct\": ") + (says ? "true" : "false") +
                        ", \"confidence\": " + formatConfidence(confidence) + "}"};
    return {"", says ? "VERDICT: PASS\nThe answer matches my own working."
                     : "VERDICT: FAIL\nMy own working leads to a different result."};
}

RoleReply aggregate(const RoleContext& ctx, const std::vector<std::string>& candidates) {
    if (!ctx.item) return {candidates.empty() ? "unknown" : answerOf(candidates.front()), ""};
    bool anyRight = false;
    std::map<std::string, int> votes;
    std::string majority;
    for (const auto& c : candidates) {
        std::string a = answerOf(c);
        anyRight = anyRight || isCorrect(*ctx.item, ctx.index.taskSet(), a);
        if (++votes[normalizeAnswer(a)] > votes[normalizeAnswer(majority)] || majority.empty()) majority = a;
    }
    if (anyRight && ctx.rng.chance(ctx.model.skillFor(ctx.item->category))) return {gold(*ctx.item), ""};
    if (majority.empty()) return {wrongAnswer(*ctx.item, ctx.index, ctx.rng), ""};
    return {majority, ""};
}

RoleReply plan(const RoleContext& ctx, const std::vector<std::string>& models) {
    double skill = ctx.model.judgeSkill;
    double pDecompose = metaFlag(ctx.item, "multi_step")     ? 0.5 + 0.4 * skill
                        : metaFlag(ctx.item, "long_context") ? 0.6 - 0.5 * skill
                                                             : 0.4 - 0.2 * skill;
    auto pickModel = [&] {
        return models.empty() ? ctx.model.name : models[size_t(ctx.rng.between(0, int64_t(models.size()) - 1))];
    };
    bool decompose = ctx.rng.chance(pDecompose);
    std::string subtasks;
    if (decompose)
        subtasks = R"([{"id": "s1", "instruction": "Identify the relevant facts and quantities.", "model": ")" +
                   pickModel() +
                   R"(", "uses": []}, {"id": "s2", "instruction": "Compute the final answer from s1.", "model": ")" +
                   pickModel() + R"(", "uses": ["s1"]}])";
    else
        subtasks =
            R"([{"id": "s1", "instruction": "Answer the question.", "model": ")" + pickModel() + R"(", "uses": []}])";
    bool verify = ctx.rng.chance(0.5);
    return {"", std::string("{\"decompose\": ") + (decompose ? "true" : "false") + ", \"subtasks\": " + subtasks +
                    ", \"verify\": " + (verify ? "true" : "false") + "}"};
}

RoleReply subtask(const RoleContext& ctx, const std::string& instruction) {
    if (!ctx.item) return {"unknown", ""};
    double p = ctx.model.skillFor(ctx.item->category);
    bool decomposed = trimmed(instruction) != "Answer the question.";
    if (decomposed && metaFlag(ctx.item, "multi_step")) p += ctx.decomposition.multiStepBonus;
    if (decomposed && metaFlag(ctx.item, "long_context")) p -= ctx.decomposition.longContextPenalty;
    p = std::clamp(p, 0.02, 0.99);
    return {ctx.rng.chance(p) ? gold(*ctx.item) : wrongAnswer(*ctx.item, ctx.index, ctx.rng), ""};
}

RoleReply synthesize(const RoleContext& ctx, const std::string& context) {
    if (!ctx.item) return {answerOf(context), ""};
    std::string last = answerOf(context);
    double skill = ctx.model.skillFor(ctx.item->category);
    if (isCorrect(*ctx.item, ctx.index.taskSet(), last))
        return {ctx.rng.chance(0.5 + 0.5 * skill) ? gold(*ctx.item) : wrongAnswer(*ctx.item, ctx.index, ctx.rng), ""};
    return {ctx.rng.chance(0.3 * skill) ? gold(*ctx.item)
                                        : (last.empty() ? wrongAnswer(*ctx.item, ctx.index, ctx.rng) : last),
            ""};
}

} // namespace

bool isCorrect(const TaskItem& item, const TaskSet& set, const std::string& answer) {
    return grade(set.graderFor(item), answer, item.references).score >= 0.5;
}

RoleReply answerRolePrompt(const RecognisedPrompt& prompt, const RoleContext& ctx) {
    bool formatRole =
        prompt.role == PromptRole::Judge || prompt.role == PromptRole::Verify || prompt.role == PromptRole::Plan;
    if (formatRole && ctx.rng.chance(ctx.model.formatErrorRate)) {
        if (prompt.role == PromptRole::Plan)
            return {"", R"({"decompose": true, "subtasks": [{"id": "s1", "instruction": "Identify)"};
        return {"", "Looks reasonable to me, though I am not entirely sure."};
    }
    auto section = [&](const char* name) {
        auto it = prompt.sections.find(name);
        return it == prompt.sections.end() ? std::string() : it->second;
    };
    switch (prompt.role) {
    case PromptRole::Judge:
        return verdict(ctx, answerOf(section("answer")), true);
    case PromptRole::Verify:
        return verdict(ctx, answerOf(section("answer")), false);
    case PromptRole::Aggregate:
        return aggregate(ctx, parseCandidates(section("candidates")));
    case PromptRole::Plan:
        return plan(ctx, prompt.models);
    case PromptRole::Subtask:
        return subtask(ctx, section("instruction"));
    case PromptRole::Synthesize:
        return synthesize(ctx, section("context"));
    }
    return {"unknown", ""};
}

} // namespace baton::core
