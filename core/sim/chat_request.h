// SPDX-License-Identifier: MIT
#pragma once
/// The parts of an OpenAI Chat Completions request the simulator reads, and OpenAI-shaped
/// error replies ({"error": {"message", "type", "param", "code"}}).

#include "model/task_set.h"

#include <map>
#include <optional>
#include <string>
#include <variant>

namespace baton::core {

struct SimHttpError {
    int status = 400;
    std::string type = "invalid_request_error";
    std::string code;
    std::string message;
    std::string param;
    std::map<std::string, std::string> headers;

    std::string body() const; ///< the OpenAI error JSON
};

struct ChatRequest {
    std::string model;
    std::vector<Message> messages;
    bool stream = false;
    bool includeUsage = false;        ///< stream_options.include_usage
    int64_t sample = 0;               ///< the request's "seed": which sample of the model's answers
    std::optional<int64_t> maxTokens; ///< max_completion_tokens or max_tokens

    /// The text the simulator answers: the last user message.
    const std::string& lastUser() const;
};

std::variant<ChatRequest, SimHttpError> parseChatRequest(const std::string& body);

} // namespace baton::core
