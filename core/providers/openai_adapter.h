// SPDX-License-Identifier: MIT
#pragma once
/// OpenAI-compatible Chat Completions (OpenAI, OpenRouter, vLLM, llama.cpp, Ollama, the simulator):
/// POST {base}/chat/completions with "Authorization: Bearer" ("api-key" for Azure OpenAI, the
/// model's auth "api-key"); SSE with include_usage.

#include "providers/provider_adapter.h"

namespace baton::core {

class OpenAiAdapter : public ProviderAdapter {
public:
    HttpRequest buildRequest(const ModelSpec& model, const std::string& baseUrl, const ChatCallSpec& spec,
                             const std::string& apiKey) const override;
    std::variant<ProviderReply, ProviderError> parseResponse(const std::string& body) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override;
};

/// usage -> TokenUsage (prompt_tokens includes cached; completion_tokens includes reasoning),
/// and usage.cost as a billed cost when present.
void readOpenAiUsage(const nlohmann::json& usage, ProviderReply& reply);

} // namespace baton::core
