// SPDX-License-Identifier: MIT
#include "providers/anthropic_adapter.h"
#include "providers/anthropic_headers.h"
#include "providers/json_fields.h"

namespace baton::core {
namespace {

using Json = nlohmann::json;

/// Input-side usage; output tokens come apart (message_delta carries the running total).
void readUsage(const Json& usage, std::optional<int64_t>& input, std::optional<int64_t>& cacheRead,
               std::optional<int64_t>& cacheWrite, std::optional<int64_t>& output) {
    if (auto v = intField(usage, "input_tokens")) input = v;
    if (auto v = intField(usage, "cache_read_input_tokens")) cacheRead = v;
    if (auto v = intField(usage, "cache_creation_input_tokens")) cacheWrite = v;
    if (auto v = intField(usage, "output_tokens")) output = v;
}

class AnthropicStream : public StreamDecoder {
public:
    std::optional<ProviderError> onEvent(const SseEvent& event) override {
        Json data = Json::parse(event.data, nullptr, false);
        if (!data.is_object()) return ProviderError{"malformed_stream", "a stream event is not JSON"};
        std::string type = event.event.empty() ? stringField(data, "type") : event.event;
        if (type == "error") {
            const Json& e = objectField(data, "error");
            return ProviderError{stringField(e, "type"), stringField(e, "message")};
        }
        if (type == "message_start")
            readUsage(objectField(objectField(data, "message"), "usage"), m_in, m_read, m_write, m_out);
        else if (type == "content_block_delta") {
            const Json& delta = objectField(data, "delta");
            if (stringField(delta, "type") == "text_delta") m_reply.text += stringField(delta, "text");
        } else if (type == "message_delta") {
            readUsage(objectField(data, "usage"), m_in, m_read, m_write, m_out);
            if (auto stop = stringField(objectField(data, "delta"), "stop_reason"); !stop.empty())
                m_reply.finishReason = stop;
        } else if (type == "message_stop") {
            m_reply.complete = true;
        }
        m_reply.usage = TokenUsage::fromAnthropic(m_in, m_read, m_write, m_out);
        return std::nullopt;
    }
    const ProviderReply& reply() const override { return m_reply; }

private:
    ProviderReply m_reply;
    std::optional<int64_t> m_in, m_read, m_write, m_out;
};

} // namespace

HttpRequest AnthropicAdapter::buildRequest(const ModelSpec& model, const std::string& baseUrl, const ChatCallSpec& spec,
                                           const std::string& apiKey) const {
    Json messages = Json::array();
    std::string system;
    for (const auto& m : spec.messages) {
        if (m.role == "system")
            system += (system.empty() ? "" : "\n\n") + m.content;
        else
            messages.push_back({{"role", m.role}, {"content", m.content}});
    }
    auto maxTokens = spec.maxOutputTokens ? spec.maxOutputTokens : model.maxOutputTokens;
    Json body = {{"model", model.remoteModel}, {"messages", messages}, {"max_tokens", maxTokens.value_or(1024)}};
    if (!system.empty()) body["system"] = system;
    if (spec.stream) body["stream"] = true;
    mergeParams(body, model.params);
    HttpRequest req;
    req.url = baseUrl + "/v1/messages";
    req.headers = {{"Content-Type", "application/json"}};
    for (auto& header : anthropicHeaders(model, apiKey))
        req.headers.push_back(std::move(header));
    req.body = body.dump();
    return req;
}

std::variant<ProviderReply, ProviderError> AnthropicAdapter::parseResponse(const std::string& body) const {
    Json doc = Json::parse(body, nullptr, false);
    if (!doc.is_object()) return ProviderError{"malformed_response", "the response body is not JSON"};
    if (stringField(doc, "type") == "error") return *parseError(body);
    if (!doc.contains("content") || !doc["content"].is_array())
        return ProviderError{"malformed_response", "the response has no content"};
    ProviderReply reply;
    for (const auto& block : doc["content"])
        if (stringField(block, "type") == "text") reply.text += stringField(block, "text");
    reply.finishReason = stringField(doc, "stop_reason");
    reply.complete = true;
    std::optional<int64_t> in, read, write, out;
    readUsage(objectField(doc, "usage"), in, read, write, out);
    reply.usage = TokenUsage::fromAnthropic(in, read, write, out);
    return reply;
}

std::unique_ptr<StreamDecoder> AnthropicAdapter::streamDecoder() const {
    return std::make_unique<AnthropicStream>();
}

} // namespace baton::core
