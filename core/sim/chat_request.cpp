// SPDX-License-Identifier: MIT
#include "sim/chat_request.h"
#include "util/json_text.h"

#include <nlohmann/json.hpp>

namespace baton::core {
namespace {

SimHttpError invalid(std::string message, std::string param = "") {
    return SimHttpError{400, "invalid_request_error", "", std::move(message), std::move(param), {}};
}

} // namespace

std::string SimHttpError::body() const {
    nlohmann::json error = {{"message", message},
                            {"type", type},
                            {"param", param.empty() ? nlohmann::json() : nlohmann::json(param)},
                            {"code", code.empty() ? nlohmann::json() : nlohmann::json(code)}};
    return nlohmann::json{{"error", error}}.dump();
}

const std::string& ChatRequest::lastUser() const {
    static const std::string empty;
    for (auto it = messages.rbegin(); it != messages.rend(); ++it)
        if (it->role == "user") return it->content;
    return empty;
}

std::variant<ChatRequest, SimHttpError> parseChatRequest(const std::string& body) {
    auto doc = parseJsonOrDiscarded(body);
    if (doc.is_discarded()) return invalid("We could not parse the JSON body of your request.");
    if (!doc.is_object()) return invalid("The request body must be a JSON object.");
    ChatRequest req;
    auto model = doc.find("model");
    if (model == doc.end() || !model->is_string() || model->get<std::string>().empty())
        return invalid("you must provide a model parameter", "model");
    req.model = model->get<std::string>();
    auto messages = doc.find("messages");
    if (messages == doc.end() || !messages->is_array() || messages->empty())
        return invalid("'messages' must be a non-empty array", "messages");
    for (size_t i = 0; i < messages->size(); ++i) {
        const auto& m = (*messages)[i];
        std::string param = "messages[" + std::to_string(i) + "]";
        if (!m.is_object() || !m.contains("role") || !m["role"].is_string())
            return invalid("each message needs a string 'role'", param);
        Message message{m["role"].get<std::string>(), ""};
        const auto& content = m.value("content", nlohmann::json());
        if (content.is_string())
            message.content = content.get<std::string>();
        else if (content.is_array()) {
            for (const auto& part : content) // content parts: keep the text ones
                if (part.is_object() && part.value("type", "") == "text" && part.contains("text") &&
                    part["text"].is_string())
                    message.content += part["text"].get<std::string>();
        } else if (!content.is_null()) {
            return invalid("'content' must be a string or an array of content parts", param + ".content");
        }
        req.messages.push_back(std::move(message));
    }
    if (auto s = doc.find("stream"); s != doc.end() && !s->is_null()) {
        if (!s->is_boolean()) return invalid("'stream' must be a boolean", "stream");
        req.stream = s->get<bool>();
    }
    if (auto o = doc.find("stream_options"); o != doc.end() && o->is_object())
        req.includeUsage = o->value("include_usage", false);
    if (auto s = doc.find("seed"); s != doc.end() && !s->is_null()) {
        if (!s->is_number_integer()) return invalid("'seed' must be an integer", "seed");
        req.sample = s->get<int64_t>();
    }
    for (const char* key : {"max_completion_tokens", "max_tokens"}) {
        auto m = doc.find(key);
        if (m == doc.end() || m->is_null()) continue;
        if (!m->is_number_integer() || m->get<int64_t>() < 1)
            return invalid(std::string("'") + key + "' must be a positive integer", key);
        req.maxTokens = m->get<int64_t>();
        break;
    }
    return req;
}

} // namespace baton::core
