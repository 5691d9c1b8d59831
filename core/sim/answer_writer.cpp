// SPDX-License-Identifier: MIT
#include "sim/answer_writer.h"
#include "eval/answer_extraction.h"
#include "model/token_estimate.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace baton::core {
namespace {

constexpr std::array<const char*, 10> kFiller = {
    "Let me work through this step by step.",
    "First, I identify the quantities that matter.",
    "Next, I check each part of the question against the given information.",
    "It helps to restate the problem in simpler terms.",
    "I will double-check the intermediate result before concluding.",
    "Some details are distractions and can be ignored.",
    "Combining these pieces gives a single value.",
    "A quick sanity check confirms the order of magnitude.",
    "There is one more detail worth verifying.",
    "With that settled, the conclusion follows."};

std::string numberText(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    return s;
}

int optionCount(const std::string& prompt) {
    int count = 0;
    for (char letter = 'A'; letter <= 'J'; ++letter)
        if (prompt.find(std::string("(") + letter + ") ") != std::string::npos) count = letter - 'A' + 1;
    return count;
}

bool isReference(const TaskItem& item, const std::string& answer) {
    return std::any_of(item.references.begin(), item.references.end(),
                       [&](const std::string& r) { return normalizeAnswer(r) == normalizeAnswer(answer); });
}

} // namespace

std::string wrongAnswer(const TaskItem& item, const ItemIndex& index, Rng& rng) {
    const std::string gold = item.references.empty() ? "" : item.references.front();
    if (int options = optionCount(item.prompt()); options >= 2 && gold.size() == 1) {
        char letter;
        do
            letter = static_cast<char>('A' + rng.between(0, options - 1));
        while (std::string(1, letter) == gold);
        return std::string(1, letter);
    }
    if (auto number = parseNumber(gold)) {
        double delta = std::max(1.0, std::round(std::fabs(*number) * 0.1 * rng.uniform()));
        double wrong = rng.chance(0.5) ? *number + delta : *number - delta;
        if (rng.chance(0.2)) wrong = *number * 10; // a slipped digit
        return numberText(wrong == *number ? *number + 1 : wrong);
    }
    const auto& peers = index.category(item.category);
    for (int tries = 0; tries < 8 && !peers.empty(); ++tries) {
        const TaskItem& other = index.taskSet().items[peers[size_t(rng.between(0, int64_t(peers.size()) - 1))]];
        if (!other.references.empty() && !isReference(item, other.references.front())) return other.references.front();
    }
    return gold + " (approximately)";
}

Reply composeReply(const std::string& finalAnswer, int64_t targetTokens, std::optional<int64_t> maxTokens, Rng& rng) {
    std::string closing = "The answer is " + finalAnswer + ".";
    int64_t budget = targetTokens - estimateTokens(closing);
    std::string text;
    while (budget > 0) {
        std::string sentence = kFiller[size_t(rng.between(0, int64_t(kFiller.size()) - 1))];
        text += sentence + " ";
        budget -= estimateTokens(sentence);
    }
    text += closing;
    Reply reply{text, estimateTokens(text), false};
    if (maxTokens && reply.tokens > *maxTokens) {
        // Cut word by word until it fits: the final answer may be lost, as with a real model.
        std::string cut;
        size_t pos = 0;
        while (pos < text.size()) {
            size_t next = text.find(' ', pos + 1);
            std::string candidate = text.substr(0, next == std::string::npos ? text.size() : next);
            if (estimateTokens(candidate) > *maxTokens) break;
            cut = candidate;
            if (next == std::string::npos) break;
            pos = next;
        }
        reply = {cut, estimateTokens(cut), true};
    }
    return reply;
}

} // namespace baton::core
