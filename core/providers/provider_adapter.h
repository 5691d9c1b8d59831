// SPDX-License-Identifier: MIT
#pragma once
/// ProviderAdapter: one wire format (OpenAI-compatible Chat Completions, Anthropic Messages,
/// Gemini generateContent): builds the HTTP request, parses a whole response, and decodes a
/// stream event by event. Usage is normalised into TokenUsage's disjoint buckets here.

#include "model/model_spec.h"
#include "model/money.h"
#include "model/task_set.h"
#include "model/token_usage.h"
#include "net/http_types.h"
#include "net/sse_parser.h"

#include <memory>
#include <optional>
#include <string>
#include <variant>

namespace baton::core {

/// What a strategy asks of a model, independent of the wire format.
struct ChatCallSpec {
    std::vector<Message> messages;
    std::optional<int64_t> maxOutputTokens;
    int64_t sample = 0; ///< repeat index; sent as "seed" where the API has one
    bool stream = false;
};

struct ProviderReply {
    std::string text;
    TokenUsage usage;
    std::optional<Money> billedCost; ///< e.g. OpenRouter usage.cost
    std::string finishReason;
    bool complete = false; ///< a stream reached its proper end
};

/// A provider's error, in its own words (already stripped of any key by the caller).
struct ProviderError {
    std::string type;
    std::string message;
};

class StreamDecoder {
public:
    virtual ~StreamDecoder() = default;
    /// Feeds one SSE event. Returns an error when the stream carries one (after HTTP 200).
    virtual std::optional<ProviderError> onEvent(const SseEvent& event) = 0;
    virtual const ProviderReply& reply() const = 0;
    /// True once any content has been passed on: from then on nothing may be retried.
    virtual bool deliveredContent() const { return !reply().text.empty(); }
};

class ProviderAdapter {
public:
    virtual ~ProviderAdapter() = default;
    virtual HttpRequest buildRequest(const ModelSpec& model, const std::string& baseUrl, const ChatCallSpec& spec,
                                     const std::string& apiKey) const = 0;
    /// Parses a whole 2xx body; an error for a body that is not the expected shape.
    virtual std::variant<ProviderReply, ProviderError> parseResponse(const std::string& body) const = 0;
    virtual std::unique_ptr<StreamDecoder> streamDecoder() const = 0;
    /// The provider's error message in a non-2xx body, if it has the provider's error shape.
    virtual std::optional<ProviderError> parseError(const std::string& body) const;
    /// The canonical request body without credentials: the response-cache key material.
    std::string canonicalBody(const ModelSpec& model, const std::string& baseUrl, const ChatCallSpec& spec) const;
};

const ProviderAdapter& adapterFor(ProviderKind kind);

} // namespace baton::core
