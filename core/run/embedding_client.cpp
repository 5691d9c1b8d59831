// SPDX-License-Identifier: MIT
#include "run/embedding_client.h"
#include "net/blocking_fetch.h"
#include "pricing/cost.h"
#include "pricing/price_resolution.h"
#include "providers/embeddings_request.h"
#include "providers/endpoint.h"
#include "providers/endpoint_extras.h"
#include "providers/provider_adapter.h"
#include "run/worst_case.h"
#include "store/embedding_cache.h"
#include "util/clock.h"
#include "util/redact.h"
#include "util/sha256.h"
#include "util/url.h"

#include <algorithm>
#include <unordered_map>

namespace baton::core {
namespace {

/// The request's cost: input price x prompt tokens (plus any per-request fee).
CallCost costOf(const PriceEntry* price, const std::string& modelName, std::optional<int64_t> promptTokens) {
    CallCost cost;
    if (!price) {
        cost.unknownReason = "no price for model \"" + modelName + "\" in the price book";
        return cost;
    }
    TokenUsage usage;
    usage.input = promptTokens;
    usage.cachedInput = usage.cacheWrite = usage.output = usage.reasoning = int64_t(0);
    return computeCost(*price, usage);
}

/// Refuses a request whose worst case would take the spend past `cap` (see EmbeddingOptions).
Status checkBudget(const PriceEntry* price, const std::string& modelName, const std::vector<std::string>& chunk,
                   const EmbeddingResult& sofar, Money cap) {
    CallCost worst = costOf(price, modelName, embeddingTokenBound(chunk));
    if (!worst.computed)
        return fail(ErrorKind::BadInput, "model \"" + modelName + "\" has no input price, so the embedding budget " +
                                             formatUsd(cap) + " cannot be kept; give it a price in the pool");
    if (sofar.unknownCostCalls == 0 && sofar.knownCost + *worst.computed <= cap) return {};
    return fail(ErrorKind::BadInput, "the embedding budget " + formatUsd(cap) + " would be exceeded by the next request " +
                                         "(worst case " + formatUsd(*worst.computed) + ", spent " +
                                         formatUsd(sofar.knownCost) + "); the " + std::to_string(sofar.embeddedTexts) +
                                         " texts embedded so far are cached in the workspace. Raise the budget (--max-cost) to go on");
}

} // namespace

std::string embedderIdentity(const ModelSpec& model, const RunEnvironment& env) {
    // The simulator's port changes every start; what it simulates does not.
    return embedderIdentityAt(model, model.provider == ProviderKind::Sim ? "sim://" + env.simIdentity
                                                                         : baseUrlFor(model, env.simBaseUrl));
}

std::string embedderIdentityAt(const ModelSpec& model, const std::string& stableBase) {
    return std::string(toString(model.provider)) + " " + stableBase + " " + model.remoteModel;
}

Result<EmbeddingResult> embedTexts(HttpEventLoop& loop, const ModelSpec& model, const RunEnvironment& env,
                                   const PriceBook& prices, SqliteDb* workspace, const std::vector<std::string>& texts,
                                   const EmbeddingOptions& options) {
    EmbeddingResult out;
    out.embedder = embedderIdentity(model, env);
    if (model.provider == ProviderKind::Anthropic) {
        auto refused = buildEmbeddingsRequest(model, "", "", {""});
        return std::unexpected(refused.error());
    }
    std::vector<std::string> hashes;
    hashes.reserve(texts.size());
    for (const auto& t : texts)
        hashes.push_back(sha256Hex(t));

    std::unordered_map<std::string, std::vector<float>> have;
    if (workspace) {
        auto cached = lookupEmbeddings(*workspace, out.embedder, hashes);
        if (!cached) return std::unexpected(cached.error());
        have = std::move(*cached);
    }
    out.cachedTexts = int64_t(have.size());

    // Distinct texts not cached, in first-seen order.
    std::vector<size_t> missing;
    {
        std::unordered_map<std::string, bool> queued;
        for (size_t i = 0; i < texts.size(); ++i)
            if (!have.contains(hashes[i]) && queued.emplace(hashes[i], true).second) missing.push_back(i);
    }

    if (!missing.empty()) {
        std::string baseUrl = baseUrlFor(model, env.simBaseUrl);
        auto url = parseUrl(baseUrl);
        if (!url) return fail(ErrorKind::BadInput, "the base URL \"" + baseUrl + "\" of model \"" + model.name +
                                                       "\" is not an http(s) URL");
        if (url->scheme != "https" && !isLoopbackHost(url->host))
            return fail(ErrorKind::BadInput, "model \"" + model.name +
                                                 "\": plain http is only allowed to loopback; the key would travel in clear");
        std::string key;
        if (model.keyRef.kind != KeyRef::Kind::None) {
            auto found = env.resolveKey ? env.resolveKey(model.keyRef) : std::nullopt;
            if (!found || found->empty())
                return fail(ErrorKind::BadInput, "no key found at " + model.keyRef.toString() + " for model \"" +
                                                     model.name + "\"; store it or set " +
                                                     model.keyRef.environmentVariable() + " first");
            key = *found;
        }
        ResolvedHeaders headers = resolveSecretHeaders(model, env.resolveKey);
        if (!headers.missing.empty())
            return fail(ErrorKind::BadInput, "no value for header " + headers.missing + " at " +
                                                 model.headers.at(headers.missing).keyRef.toString() +
                                                 "; store it or export it first");
        std::vector<std::string> secrets;
        if (!key.empty()) secrets.push_back(key);
        for (const auto& [name, value] : headers.values)
            secrets.push_back(value);
        const PriceEntry* price = resolvePrice(model, prices);
        size_t batch = std::max<size_t>(1, options.batchSize);

        for (size_t start = 0; start < missing.size(); start += batch) {
            std::vector<std::string> chunk;
            for (size_t k = start; k < std::min(missing.size(), start + batch); ++k)
                chunk.push_back(texts[missing[k]]);
            if (options.stop.stop_requested())
                return fail(ErrorKind::BadInput,
                            "cancelled after " + std::to_string(out.embeddedTexts) + " of " +
                                std::to_string(missing.size()) + " texts embedded (" + std::to_string(out.httpCalls) +
                                " requests; what was received is " + (workspace ? "cached)" : "lost)"));
            if (options.maxCost)
                if (auto refused = checkBudget(price, model.name, chunk, out, *options.maxCost); !refused)
                    return std::unexpected(refused.error());
            auto request = buildEmbeddingsRequest(model, baseUrl, key, chunk);
            if (!request) return std::unexpected(request.error());
            applyEndpointExtras(*request, model, headers.values);
            request->timeouts = options.timeouts;
            std::string body;
            HttpResult result = fetchBlocking(loop, std::move(*request), body);
            ++out.httpCalls;

            EmbeddingCallRow row;
            row.atMs = nowMs(), row.embedder = out.embedder, row.model = model.name, row.purpose = options.purpose;
            row.texts = int64_t(chunk.size()), row.httpStatus = result.status, row.latencyMs = result.totalMs;
            Result<EmbeddingsReply> reply = std::unexpected(Error{});
            if (result.failure != HttpFailure::None)
                row.error = baseUrl + " did not answer (" + toString(result.failure) + ": " + result.error + ")";
            else if (result.status < 200 || result.status >= 300) {
                auto error = adapterFor(model.provider).parseError(body);
                row.error = "HTTP " + std::to_string(result.status) + " from " + baseUrl + " for model \"" +
                            model.name + "\"" + (error ? ": " + error->message : "");
            } else {
                reply = parseEmbeddingsResponse(model.provider, body, chunk.size());
                if (!reply) row.error = "model \"" + model.name + "\" at " + baseUrl + ": " + reply.error().message;
            }
            if (!row.error.empty()) row.error = redactSecrets(std::move(row.error), secrets);

            CallCost cost;
            if (reply) {
                row.promptTokens = reply->promptTokens;
                cost = costOf(price, model.name, reply->promptTokens);
            } else {
                cost.unknownReason = result.requestSent ? "the request failed; whether it was billed is unknown"
                                                        : "the request was not sent";
                if (!result.requestSent) cost.computed = Money{};
            }
            if (cost.computed) {
                row.costUsd = cost.computed->usd();
                out.knownCost += *cost.computed;
            } else {
                row.costUnknownReason = cost.unknownReason;
                if (!out.unknownCostCalls++) out.costUnknownReason = cost.unknownReason;
            }
            if (out.promptTokens && row.promptTokens)
                *out.promptTokens += *row.promptTokens;
            else
                out.promptTokens.reset();
            if (workspace)
                if (auto logged = logEmbeddingCall(*workspace, row); !logged) return std::unexpected(logged.error());
            if (!row.error.empty()) {
                // What was spent before the failure is said, never lost.
                std::string spent = formatUsd(out.knownCost);
                if (out.unknownCostCalls)
                    spent += " plus " + std::to_string(out.unknownCostCalls) + " request(s) of unknown cost";
                bool transport = result.failure != HttpFailure::None || result.status == 429 || result.status >= 500;
                return fail(transport ? ErrorKind::Io : ErrorKind::BadInput,
                            row.error + "; the " + std::to_string(out.httpCalls) + " request(s) so far cost " + spent +
                                (workspace ? " (vectors received are cached)" : ""));
            }

            std::vector<std::pair<std::string, std::vector<float>>> fresh;
            for (size_t k = 0; k < chunk.size(); ++k) {
                const std::string& hash = hashes[missing[start + k]];
                fresh.emplace_back(hash, reply->vectors[k]);
                have.emplace(hash, std::move(reply->vectors[k]));
            }
            out.embeddedTexts += int64_t(chunk.size());
            if (workspace)
                if (auto stored = storeEmbeddings(*workspace, out.embedder, fresh, row.atMs); !stored)
                    return std::unexpected(stored.error());
            if (options.progress) options.progress(out.embeddedTexts, int64_t(missing.size()));
        }
    }

    out.vectors.reserve(texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
        const auto& v = have.at(hashes[i]);
        if (i == 0) out.dims = int(v.size());
        if (int(v.size()) != out.dims)
            return fail(ErrorKind::BadInput, "embedder " + out.embedder + " gave vectors of " + std::to_string(out.dims) +
                                                 " and " + std::to_string(v.size()) +
                                                 " dimensions (the workspace cache mixes them); use one embedder model");
        out.vectors.push_back(v);
    }
    return out;
}

} // namespace baton::core
