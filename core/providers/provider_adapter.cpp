// SPDX-License-Identifier: MIT
#include "providers/provider_adapter.h"
#include "providers/anthropic_adapter.h"
#include "providers/gemini_adapter.h"
#include "providers/json_fields.h"
#include "providers/openai_adapter.h"
#include "util/json_text.h"

namespace baton::core {

std::optional<ProviderError> ProviderAdapter::parseError(const std::string& body) const {
    auto doc = parseJsonOrDiscarded(body);
    if (!doc.is_object() || !doc.contains("error")) return std::nullopt;
    const auto& e = doc["error"];
    if (e.is_string()) return ProviderError{"error", e.get<std::string>()};
    std::string type = stringField(e, "type");
    if (type.empty()) type = stringField(e, "status"); // Gemini
    return ProviderError{type, stringField(e, "message")};
}

std::string ProviderAdapter::canonicalBody(const ModelSpec& model, const std::string& baseUrl,
                                           const ChatCallSpec& spec) const {
    HttpRequest req = buildRequest(model, baseUrl, spec, "");
    return req.url + "\n" + req.body;
}

const ProviderAdapter& adapterFor(ProviderKind kind) {
    static const OpenAiAdapter openAi;
    static const AnthropicAdapter anthropic;
    static const GeminiAdapter gemini;
    switch (kind) {
    case ProviderKind::Anthropic:
        return anthropic;
    case ProviderKind::Gemini:
        return gemini;
    case ProviderKind::OpenAi:
    case ProviderKind::Sim:
        return openAi; // the simulator speaks the OpenAI wire format
    }
    return openAi;
}

} // namespace baton::core
