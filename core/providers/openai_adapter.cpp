// SPDX-License-Identifier: MIT
#include "providers/openai_adapter.h"
#include "providers/json_fields.h"
#include "util/url.h"

namespace baton::core {
namespace {

using Json = nlohmann::json;

std::string messageText(const Json& content) {
    if (content.is_string()) return content.get<std::string>();
    std::string text;
    if (content.is_array())
        for (const auto& part : content)
            text += stringField(part, "text");
    return text;
}

class OpenAiStream : public StreamDecoder {
public:
    std::optional<ProviderError> onEvent(const SseEvent& event) override {
        if (event.data == "[DONE]") {
            m_reply.complete = true;
            return std::nullopt;
        }
        Json chunk = Json::parse(event.data, nullptr, false);
        if (!chunk.is_object()) return ProviderError{"malformed_stream", "a stream event is not JSON"};
        if (chunk.contains("error")) {
            const Json& e = chunk["error"];
            return ProviderError{stringField(e, "type"), e.is_object() ? stringField(e, "message") : e.dump()};
        }
        if (chunk.contains("choices") && chunk["choices"].is_array() && !chunk["choices"].empty()) {
            const Json& choice = chunk["choices"][0];
            m_reply.text += messageText(objectField(choice, "delta").value("content", Json()));
            if (auto finish = stringField(choice, "finish_reason"); !finish.empty()) m_reply.finishReason = finish;
        }
        if (chunk.contains("usage") && chunk["usage"].is_object()) readOpenAiUsage(chunk["usage"], m_reply);
        return std::nullopt;
    }
    const ProviderReply& reply() const override { return m_reply; }

private:
    ProviderReply m_reply;
};

} // namespace

void readOpenAiUsage(const Json& usage, ProviderReply& reply) {
    reply.usage = TokenUsage::fromOpenAi(intField(usage, "prompt_tokens"),
                                         intField(objectField(usage, "prompt_tokens_details"), "cached_tokens"),
                                         intField(usage, "completion_tokens"),
                                         intField(objectField(usage, "completion_tokens_details"), "reasoning_tokens"));
    if (auto it = usage.find("cost"); it != usage.end() && it->is_number() && it->get<double>() >= 0)
        reply.billedCost = Money::fromUsd(it->get<double>());
}

HttpRequest OpenAiAdapter::buildRequest(const ModelSpec& model, const std::string& baseUrl, const ChatCallSpec& spec,
                                        const std::string& apiKey) const {
    Json messages = Json::array();
    for (const auto& m : spec.messages)
        messages.push_back({{"role", m.role}, {"content", m.content}});
    Json body = {{"model", model.remoteModel}, {"messages", messages}, {"seed", spec.sample}};
    auto maxTokens = spec.maxOutputTokens ? spec.maxOutputTokens : model.maxOutputTokens;
    if (maxTokens) {
        // OpenAI's own API wants max_completion_tokens (reasoning models refuse max_tokens);
        // other compatible servers still read max_tokens.
        auto url = parseUrl(baseUrl);
        bool openAi = url && url->host == "api.openai.com";
        body[openAi ? "max_completion_tokens" : "max_tokens"] = *maxTokens;
    }
    if (spec.stream) {
        body["stream"] = true;
        body["stream_options"] = {{"include_usage", true}};
    }
    mergeParams(body, model.params);
    HttpRequest req;
    req.url = baseUrl + "/chat/completions";
    req.headers = {{"Content-Type", "application/json"}};
    // Azure OpenAI takes the key in its own header; everyone else as a bearer token.
    if (!apiKey.empty()) {
        if (model.auth == "api-key")
            req.headers.emplace_back("api-key", apiKey);
        else
            req.headers.emplace_back("Authorization", "Bearer " + apiKey);
    }
    if (spec.stream) req.headers.emplace_back("Accept", "text/event-stream");
    req.body = body.dump();
    return req;
}

std::variant<ProviderReply, ProviderError> OpenAiAdapter::parseResponse(const std::string& body) const {
    Json doc = Json::parse(body, nullptr, false);
    if (!doc.is_object()) return ProviderError{"malformed_response", "the response body is not JSON"};
    if (doc.contains("error")) return *parseError(body);
    if (!doc.contains("choices") || !doc["choices"].is_array() || doc["choices"].empty())
        return ProviderError{"malformed_response", "the response has no choices"};
    ProviderReply reply;
    const Json& choice = doc["choices"][0];
    reply.text = messageText(objectField(choice, "message").value("content", Json()));
    reply.finishReason = stringField(choice, "finish_reason");
    reply.complete = true;
    if (doc.contains("usage") && doc["usage"].is_object()) readOpenAiUsage(doc["usage"], reply);
    return reply;
}

std::unique_ptr<StreamDecoder> OpenAiAdapter::streamDecoder() const {
    return std::make_unique<OpenAiStream>();
}

} // namespace baton::core
