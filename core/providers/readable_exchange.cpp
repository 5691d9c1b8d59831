// SPDX-License-Identifier: MIT
#include "providers/readable_exchange.h"
#include "util/json_text.h"

#include <nlohmann/json.hpp>

namespace baton::core {
namespace {

std::string upper(std::string s) {
    for (char& c : s)
        if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    return s;
}

/// A message's content: a string, or text parts ({"type":"text","text":...} / {"text":...}).
std::string contentText(const nlohmann::json& content) {
    if (content.is_string()) return content.get<std::string>();
    std::string out;
    if (content.is_array())
        for (const auto& part : content)
            if (part.is_object() && part.contains("text") && part["text"].is_string())
                out += (out.empty() ? "" : "\n") + part["text"].get<std::string>();
    return out.empty() && !content.is_null() ? content.dump(2) : out;
}

void appendBlock(std::string& out, const std::string& role, const std::string& text) {
    out += upper(role) + ":\n" + text + "\n\n";
}

} // namespace

std::string readableRequest(const std::string& body) {
    auto j = parseJsonOrDiscarded(body);
    if (j.is_discarded() || !j.is_object()) {
        // The logged canonical request is the endpoint on its first line, then the JSON body.
        size_t eol = body.find('\n');
        if (eol == std::string::npos) return body;
        auto rest = parseJsonOrDiscarded(std::string_view(body).substr(eol + 1));
        if (rest.is_discarded() || !rest.is_object()) return body;
        return "ENDPOINT: " + body.substr(0, eol) + "\n\n" + readableRequest(body.substr(eol + 1));
    }
    std::string out;
    if (j.contains("system")) appendBlock(out, "system", contentText(j["system"])); // Anthropic
    if (j.contains("systemInstruction") && j["systemInstruction"].is_object())      // Gemini
        appendBlock(out, "system", contentText(j["systemInstruction"].value("parts", nlohmann::json())));
    const nlohmann::json* messages = j.contains("messages") ? &j["messages"] : j.contains("contents") ? &j["contents"]
                                                                                                      : nullptr;
    if (messages && messages->is_array())
        for (const auto& m : *messages) {
            if (!m.is_object()) continue;
            const nlohmann::json& content = m.contains("content") ? m["content"] : m.value("parts", nlohmann::json());
            appendBlock(out, m.value("role", "message"), contentText(content));
        }
    nlohmann::json rest = j;
    for (const char* key : {"messages", "contents", "system", "systemInstruction"})
        rest.erase(key);
    out += "SETTINGS:\n" + rest.dump(2) + "\n";
    return out;
}

std::string readableResponse(const std::string& body) {
    auto j = parseJsonOrDiscarded(body);
    if (j.is_discarded()) return body;
    std::string answer;
    if (j.is_object() && j.contains("choices") && j["choices"].is_array() && !j["choices"].empty()) {
        const auto& c = j["choices"][0];
        if (c.contains("message") && c["message"].is_object())
            answer = contentText(c["message"].value("content", nlohmann::json()));
    } else if (j.is_object() && j.contains("content") && j["content"].is_array()) { // Anthropic
        answer = contentText(j["content"]);
    } else if (j.is_object() && j.contains("candidates") && j["candidates"].is_array() && !j["candidates"].empty()) {
        const auto& c = j["candidates"][0];
        if (c.contains("content") && c["content"].is_object())
            answer = contentText(c["content"].value("parts", nlohmann::json()));
    }
    std::string pretty = j.dump(2);
    return answer.empty() ? pretty : "ANSWER:\n" + answer + "\n\nFULL RESPONSE:\n" + pretty;
}

} // namespace baton::core
