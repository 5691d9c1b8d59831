// SPDX-License-Identifier: MIT
#pragma once
/// Anthropic Messages: POST {base}/v1/messages with the key and anthropic-version headers of
/// anthropic_headers.h; streaming
/// events message_start, content_block_delta, message_delta, message_stop, and "event: error"
/// after HTTP 200.

#include "providers/provider_adapter.h"

namespace baton::core {

class AnthropicAdapter : public ProviderAdapter {
public:
    HttpRequest buildRequest(const ModelSpec& model, const std::string& baseUrl, const ChatCallSpec& spec,
                             const std::string& apiKey) const override;
    std::variant<ProviderReply, ProviderError> parseResponse(const std::string& body) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override;
};

} // namespace baton::core
