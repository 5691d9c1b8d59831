// SPDX-License-Identifier: MIT
#pragma once
/// Embeddings of texts through a pool model's embeddings endpoint: the same libcurl loop, key
/// resolution, gateway headers and plain-http rule as chat calls. Texts already embedded by the
/// same embedder are read from the workspace cache (no request, no cost); every request made is
/// logged in the workspace with its tokens and cost (the model's input price x prompt tokens;
/// unknown price or unreported tokens = unknown cost, never 0). Keys never reach the log or errors.

#include "model/money.h"
#include "net/http_event_loop.h"
#include "pricing/price_book.h"
#include "run/run_settings.h"
#include "store/sqlite_db.h"

#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace baton::core {

struct EmbeddingOptions {
    std::string purpose = "embeddings"; ///< logged with each request, e.g. "router train"
    size_t batchSize = 64;              ///< texts per request
    HttpTimeouts timeouts;
    /// The requests' budget: before each request its worst case (the input price x its texts'
    /// UTF-8 bytes plus 16 per text, more than any tokenizer makes of them) is checked against
    /// what the earlier ones cost, so the cap is never exceeded. Needs an input price.
    std::optional<Money> maxCost;
    /// Checked before each request: a stop ends with BadInput "cancelled" (what was received stays cached).
    std::stop_token stop;
    /// After each request: texts embedded so far of those not cached.
    std::function<void(int64_t done, int64_t total)> progress;
};

struct EmbeddingResult {
    std::vector<std::vector<float>> vectors; ///< one per input text, in order
    std::string embedder;                    ///< the identity the cache is keyed by
    int dims = 0;
    int64_t httpCalls = 0;     ///< requests made (0 when every text was cached)
    int64_t cachedTexts = 0;   ///< distinct texts read from the cache
    int64_t embeddedTexts = 0; ///< distinct texts sent
    std::optional<int64_t> promptTokens = 0; ///< over the requests; nullopt when one did not report them
    Money knownCost;                          ///< over the requests whose cost is known
    int64_t unknownCostCalls = 0;
    std::string costUnknownReason; ///< the first request's reason, when one is unknown
    /// The requests' total cost; nullopt (unknown) when any one of them is unknown.
    std::optional<Money> cost() const { return unknownCostCalls ? std::nullopt : std::optional<Money>(knownCost); }
};

/// What identifies the vectors `model` makes: provider, endpoint (the simulator by what it
/// simulates, not its port) and remote model id. Never contains a key.
std::string embedderIdentity(const ModelSpec& model, const RunEnvironment& env);
/// The same, for `model` at `stableBase` (its base URL, or "sim://<simIdentity>" for the simulator).
std::string embedderIdentityAt(const ModelSpec& model, const std::string& stableBase);

/// Embeds `texts` (duplicates are sent once). `workspace` (may be null: no cache, no log) is read
/// for cached vectors and receives the new ones and one embedding_calls row per request.
/// Blocks; not on the loop's own thread. Errors: Io when the endpoint did not answer or answered
/// HTTP 429 or 5xx (try later); BadInput for an Anthropic model, a base URL in plain http to a
/// non-loopback host, a missing key, another HTTP error (the provider's message), an unusable
/// response (what is wrong), the budget or a stop ("cancelled"). A failed request's error says what the requests so
/// far cost; vectors received before it stay cached.
Result<EmbeddingResult> embedTexts(HttpEventLoop& loop, const ModelSpec& model, const RunEnvironment& env,
                                   const PriceBook& prices, SqliteDb* workspace, const std::vector<std::string>& texts,
                                   const EmbeddingOptions& options = {});

} // namespace baton::core
