// SPDX-License-Identifier: MIT
#pragma once
/// ModelSpec: one model of a pool: where it is served, how it is authenticated (by reference,
/// never by value) and how it is priced.

#include "model/price_entry.h"

#include <map>
#include <optional>
#include <string>

namespace baton::core {

enum class ProviderKind { OpenAi, Anthropic, Gemini, Sim };

std::string toString(ProviderKind kind);
std::optional<ProviderKind> providerKindFromString(const std::string& text);

/// Names where a key lives: "env:OPENAI_API_KEY" or "keychain:baton/openai". Never the key.
struct KeyRef {
    enum class Kind { None, Env, Keychain };
    Kind kind = Kind::None;
    std::string name;

    std::string toString() const; ///< "" for None
    static std::optional<KeyRef> parse(const std::string& text);
    /// The environment variable that holds this key: NAME for env:NAME; for keychain:NAME (when no
    /// keychain has it) BATON_KEY_ and NAME upper-cased, other characters as "_"; "" for None.
    std::string environmentVariable() const;
    bool operator==(const KeyRef&) const = default;
};

/// An extra HTTP header of an endpoint (gateways route and observability proxies tag by them):
/// a value written in the pool file, or a key reference read at call time and redacted like a key.
struct HeaderValue {
    std::string value; ///< inline (never a secret: the pool file's secret scan refuses those)
    KeyRef keyRef;     ///< Kind::None for an inline value
    bool operator==(const HeaderValue&) const = default;
};

struct ModelSpec {
    std::string name; ///< pool-local name, unique in the pool
    ProviderKind provider = ProviderKind::OpenAi;
    std::string baseUrl;
    std::string remoteModel; ///< the id the endpoint knows the model by
    KeyRef keyRef;
    std::string priceRef;                    ///< id in the price book
    std::optional<PriceEntry> priceOverride; ///< inline prices; win over the book
    std::optional<int64_t> contextWindow;
    std::optional<int64_t> maxOutputTokens;
    nlohmann::json params = nlohmann::json::object(); ///< default request parameters (temperature...)
    std::string apiVersion; ///< the wire format's version header (Anthropic); "" = Baton's current default
    std::string auth; ///< how the key travels: "x-api-key" or "bearer" (Anthropic), "api-key" (Azure OpenAI); "" = default
    std::map<std::string, HeaderValue> headers; ///< extra headers, sent as written (names case-insensitive)
    std::map<std::string, std::string> query;   ///< extra query parameters (e.g. Azure's api-version)
    std::map<std::string, std::string> tags; ///< vendor, weights (open|closed), jurisdiction...

    bool operator==(const ModelSpec&) const = default;
};

} // namespace baton::core
