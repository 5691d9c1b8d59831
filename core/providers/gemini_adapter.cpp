// SPDX-License-Identifier: MIT
#include "providers/gemini_adapter.h"
#include "model/finish_reason.h"
#include "providers/json_fields.h"

namespace baton::core {
namespace {

using Json = nlohmann::json;

/// Folds one GenerateContentResponse (whole or a stream chunk) into `reply`.
std::optional<ProviderError> absorb(const Json& doc, ProviderReply& reply) {
    if (doc.contains("error")) {
        const Json& e = doc["error"];
        return ProviderError{stringField(e, "status"), stringField(e, "message")};
    }
    if (doc.contains("candidates") && doc["candidates"].is_array() && !doc["candidates"].empty()) {
        const Json& candidate = doc["candidates"][0];
        const Json& parts = objectField(candidate, "content").value("parts", Json::array());
        if (parts.is_array())
            for (const auto& part : parts)
                if (!part.value("thought", false))
                    reply.text += stringField(part, "text"); // thoughts are not the answer
        if (auto finish = stringField(candidate, "finishReason"); !finish.empty()) {
            reply.finishReason = finish;
            reply.complete = true;
        }
    }
    // A blocked prompt has no candidates at all: nothing was generated, but the prompt was read
    // (and is billed). It is the provider's answer, a refusal, not an unreadable response.
    if (auto block = stringField(objectField(doc, "promptFeedback"), "blockReason"); !block.empty()) {
        reply.finishReason = kBlockedPrefix + block;
        reply.complete = true;
    }
    if (doc.contains("usageMetadata")) {
        const Json& u = doc["usageMetadata"];
        auto prompt = intField(u, "promptTokenCount");
        auto candidates = intField(u, "candidatesTokenCount");
        // The API's JSON omits zero-valued fields: with the prompt counted, a missing output
        // count is 0 tokens (a SAFETY stop, thinking that used the whole budget), not unknown.
        if (prompt && !candidates) candidates = 0;
        reply.usage = TokenUsage::fromGemini(prompt, intField(u, "cachedContentTokenCount"), candidates,
                                             intField(u, "thoughtsTokenCount"));
    }
    return std::nullopt;
}

class GeminiStream : public StreamDecoder {
public:
    std::optional<ProviderError> onEvent(const SseEvent& event) override {
        Json chunk = Json::parse(event.data, nullptr, false);
        if (!chunk.is_object()) return ProviderError{"malformed_stream", "a stream event is not JSON"};
        return absorb(chunk, m_reply);
    }
    const ProviderReply& reply() const override { return m_reply; }

private:
    ProviderReply m_reply;
};

} // namespace

HttpRequest GeminiAdapter::buildRequest(const ModelSpec& model, const std::string& baseUrl, const ChatCallSpec& spec,
                                        const std::string& apiKey) const {
    Json contents = Json::array();
    std::string system;
    for (const auto& m : spec.messages) {
        if (m.role == "system")
            system += (system.empty() ? "" : "\n\n") + m.content;
        else
            contents.push_back(
                {{"role", m.role == "assistant" ? "model" : "user"}, {"parts", {{{"text", m.content}}}}});
    }
    Json config = {{"seed", spec.sample}};
    if (auto maxTokens = spec.maxOutputTokens ? spec.maxOutputTokens : model.maxOutputTokens)
        config["maxOutputTokens"] = *maxTokens;
    mergeParams(config, model.params);
    Json body = {{"contents", contents}, {"generationConfig", config}};
    // The role is what @google/genai sends; the API reads the instruction either way.
    if (!system.empty()) body["systemInstruction"] = {{"parts", {{{"text", system}}}}, {"role", "user"}};
    HttpRequest req;
    req.url = baseUrl + "/v1beta/models/" + model.remoteModel +
              (spec.stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    req.headers = {{"Content-Type", "application/json"}};
    if (!apiKey.empty()) req.headers.emplace_back("x-goog-api-key", apiKey);
    req.body = body.dump();
    return req;
}

std::variant<ProviderReply, ProviderError> GeminiAdapter::parseResponse(const std::string& body) const {
    Json doc = Json::parse(body, nullptr, false);
    if (!doc.is_object()) return ProviderError{"malformed_response", "the response body is not JSON"};
    ProviderReply reply;
    if (auto error = absorb(doc, reply)) return *error;
    if (!doc.contains("candidates") && !reply.complete)
        return ProviderError{"malformed_response", "the response has no candidates and no promptFeedback.blockReason"};
    reply.complete = true;
    return reply;
}

std::unique_ptr<StreamDecoder> GeminiAdapter::streamDecoder() const {
    return std::make_unique<GeminiStream>();
}

} // namespace baton::core
