// SPDX-License-Identifier: MIT
#include "prompts/role_prompts.h"
#include "util/resources.h"

#include <array>
#include <cstdlib>

namespace baton::core {
namespace {

constexpr std::array<std::pair<PromptRole, const char*>, 6> kRoles = {{{PromptRole::Judge, "judge"},
                                                                       {PromptRole::Verify, "verify"},
                                                                       {PromptRole::Aggregate, "aggregate"},
                                                                       {PromptRole::Plan, "plan"},
                                                                       {PromptRole::Subtask, "subtask"},
                                                                       {PromptRole::Synthesize, "synthesize"}}};
constexpr std::string_view kMarker = "### baton-role: ";

std::string trimNewlines(std::string_view s) {
    while (!s.empty() && (s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return std::string(s);
}

/// The text between <tag> and the next </tag>.
std::optional<std::string> section(std::string_view text, const std::string& tag) {
    std::string open = "<" + tag + ">", close = "</" + tag + ">";
    size_t start = text.find(open);
    size_t end = start == std::string_view::npos ? start : text.find(close, start);
    if (start == std::string_view::npos || end == std::string_view::npos || end < start + open.size())
        return std::nullopt;
    return trimNewlines(text.substr(start + open.size(), end - start - open.size()));
}

} // namespace

std::string toString(PromptRole role) {
    for (auto [r, name] : kRoles)
        if (r == role) return name;
    return "judge";
}

std::string_view promptTemplate(PromptRole role) {
    return embeddedResource("prompts/" + toString(role) + ".txt").value_or("");
}

std::string renderPrompt(PromptRole role, const std::map<std::string, std::string>& fields) {
    std::string text(promptTemplate(role));
    std::string out;
    size_t pos = 0;
    while (true) {
        size_t open = text.find("{{", pos);
        if (open == std::string::npos) break;
        size_t close = text.find("}}", open);
        if (close == std::string::npos) break;
        out += text.substr(pos, open - pos);
        auto it = fields.find(text.substr(open + 2, close - open - 2));
        if (it != fields.end()) out += it->second;
        pos = close + 2;
    }
    return out + text.substr(pos);
}

std::string renderCandidates(const std::vector<std::string>& candidates) {
    std::string out;
    for (size_t i = 0; i < candidates.size(); ++i)
        out += (i ? "\n" : "") + std::string("<candidate id=\"") + std::to_string(i + 1) + "\">\n" + candidates[i] +
               "\n</candidate>";
    return out;
}

std::vector<std::string> parseCandidates(std::string_view block) {
    std::vector<std::string> out;
    size_t pos = 0;
    while ((pos = block.find("<candidate", pos)) != std::string_view::npos) {
        size_t bodyStart = block.find('>', pos);
        size_t end = block.find("</candidate>", pos);
        if (bodyStart == std::string_view::npos || end == std::string_view::npos || end < bodyStart) break;
        out.push_back(trimNewlines(block.substr(bodyStart + 1, end - bodyStart - 1)));
        pos = end + 12;
    }
    return out;
}

std::optional<RecognisedPrompt> recognisePrompt(std::string_view text) {
    if (text.substr(0, kMarker.size()) != kMarker) return std::nullopt;
    size_t lineEnd = text.find('\n');
    std::string_view header =
        text.substr(kMarker.size(), lineEnd == std::string_view::npos ? text.npos : lineEnd - kMarker.size());
    size_t space = header.find(" v");
    std::string name(header.substr(0, space));
    RecognisedPrompt prompt;
    bool known = false;
    for (auto [r, n] : kRoles)
        if (name == n) prompt.role = r, known = true;
    if (!known) return std::nullopt;
    if (space != std::string_view::npos) prompt.version = std::atoi(std::string(header.substr(space + 2)).c_str());
    for (const char* tag : {"question", "answer", "candidates", "instruction", "context"})
        if (auto s = section(text, tag)) prompt.sections[tag] = *s;
    if (prompt.role == PromptRole::Plan) {
        size_t at = text.find("Available models: ");
        if (at != std::string_view::npos) {
            std::string_view list = text.substr(at + 18, text.find('\n', at) - at - 18);
            size_t start = 0;
            while (start < list.size()) {
                size_t comma = list.find(',', start);
                std::string_view name = list.substr(start, comma == std::string_view::npos ? list.npos : comma - start);
                while (!name.empty() && name.front() == ' ')
                    name.remove_prefix(1);
                if (!name.empty()) prompt.models.emplace_back(name);
                if (comma == std::string_view::npos) break;
                start = comma + 1;
            }
        }
    }
    return prompt;
}

} // namespace baton::core
