// SPDX-License-Identifier: MIT
#pragma once
/// Gemini generateContent / streamGenerateContent (alt=sse). The key travels in the
/// x-goog-api-key header, never in the URL.

#include "providers/provider_adapter.h"

namespace baton::core {

class GeminiAdapter : public ProviderAdapter {
public:
    HttpRequest buildRequest(const ModelSpec& model, const std::string& baseUrl, const ChatCallSpec& spec,
                             const std::string& apiKey) const override;
    std::variant<ProviderReply, ProviderError> parseResponse(const std::string& body) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override;
};

} // namespace baton::core
