// SPDX-License-Identifier: MIT
#pragma once
/// Role prompts: the versioned templates (resources/prompts/) that strategies send for planning,
/// judging, verifying, aggregating and synthesizing, and their recognition on the receiving side
/// (the simulator answers them in the expected format).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baton::core {

enum class PromptRole { Judge, Verify, Aggregate, Plan, Subtask, Synthesize };

std::string toString(PromptRole role);
/// The template text, first line "### baton-role: NAME vN".
std::string_view promptTemplate(PromptRole role);
/// Replaces each {{name}} with fields[name] (absent fields become empty).
std::string renderPrompt(PromptRole role, const std::map<std::string, std::string>& fields);
/// "<candidate id="1">...</candidate>" blocks for the aggregate template.
std::string renderCandidates(const std::vector<std::string>& candidates);

struct RecognisedPrompt {
    PromptRole role = PromptRole::Judge;
    int version = 1;
    std::map<std::string, std::string> sections; ///< question, answer, candidates, instruction, context
    std::vector<std::string> models;             ///< plan: the available models
};

/// Recognises a rendered role prompt by its first line; nullopt for any other text.
std::optional<RecognisedPrompt> recognisePrompt(std::string_view text);
std::vector<std::string> parseCandidates(std::string_view block);

} // namespace baton::core
