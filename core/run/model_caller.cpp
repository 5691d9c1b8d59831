// SPDX-License-Identifier: MIT
#include "run/model_caller.h"
#include "net/retry_policy.h"
#include "pricing/cost.h"
#include "pricing/price_resolution.h"
#include "store/call_log.h"
#include "run/worst_case.h"
#include "providers/endpoint_extras.h"
#include "providers/embeddings_request.h"
#include "model/token_estimate.h"
#include "run/embedding_client.h"
#include "util/sha256.h"
#include "util/redact.h"
#include "util/json_text.h"

#include <algorithm>
#include <chrono>

namespace baton::core {
namespace {

constexpr size_t kMaxBodyBytes = 32u << 20;
constexpr int64_t kDefaultMaxOutput = 4096;

/// What one attempt came to.
struct Verdict {
    bool ok = false;
    ProviderReply reply;
    CallError error = CallError::None;
    std::string errorText;
    AttemptFacts facts;
    bool maybeBilled = false;
    std::vector<float> embedding; ///< an embeddings call's vector
};

/// `embeddingsOf`: the provider of an embeddings call, whose 2xx body is read as one vector.
Verdict judge(const ProviderAdapter& adapter, const HttpResult& r, const std::string& body, StreamDecoder* decoder,
              std::optional<ProviderError> streamError, std::optional<ProviderKind> embeddingsOf = std::nullopt) {
    Verdict v;
    v.facts.headers = r.headers;
    v.facts.deliveredContent = decoder && decoder->deliveredContent();
    if (r.failure == HttpFailure::Cancelled) {
        v.error = CallError::Cancelled, v.errorText = "cancelled";
        v.facts.cancelled = true;
        v.maybeBilled = r.requestSent;
        return v;
    }
    if (r.failure != HttpFailure::None) {
        v.error = CallError::Transport;
        v.errorText = toString(r.failure) + " (" + r.error + ")";
        v.facts.transportError = true;
        v.maybeBilled = r.requestSent; // the provider may have run (and billed) the request
        return v;
    }
    if (r.status < 200 || r.status >= 300) {
        auto providerError = adapter.parseError(body);
        // Gateways in front of a provider answer their own refusals in their own shape; most say
        // why in a top-level "message" ({"status": "failure", "message": ...}).
        if (!providerError || providerError->message.empty()) {
            auto doc = parseJsonOrDiscarded(body);
            if (doc.is_object() && doc.contains("message") && doc["message"].is_string())
                providerError = ProviderError{"", doc["message"].get<std::string>().substr(0, 500)};
        }
        v.error = CallError::Http;
        v.errorText = "HTTP " + std::to_string(r.status) +
                      (providerError && !providerError->message.empty() ? ": " + providerError->message : "");
        v.facts.httpStatus = int(r.status);
        v.maybeBilled = false; // providers do not bill a request they answered with an error status
        return v;
    }
    if (decoder) {
        if (streamError) {
            v.error = CallError::Provider;
            v.errorText = "stream error" + (streamError->type.empty() ? "" : " (" + streamError->type + ")") + ": " +
                          streamError->message;
        } else if (!decoder->reply().complete) {
            v.error = CallError::Malformed;
            v.errorText = "the stream ended before its end marker";
        } else {
            v.ok = true, v.reply = decoder->reply();
            return v;
        }
        v.facts.httpStatus = 500; // treated like a server error: retried unless content was delivered
        v.maybeBilled = true;
        return v;
    }
    if (embeddingsOf) {
        auto vectors = parseEmbeddingsResponse(*embeddingsOf, body, 1);
        if (vectors) {
            v.ok = true, v.embedding = std::move(vectors->vectors.front());
            v.reply.usage = embeddingsUsage(vectors->promptTokens);
            return v;
        }
        v.error = CallError::Malformed;
        v.errorText = "unreadable embeddings response: " + vectors.error().message;
        v.facts.transportError = true; // a garbled 200 is retried like a broken connection
        v.maybeBilled = true;
        return v;
    }
    auto parsed = adapter.parseResponse(body);
    if (auto* reply = std::get_if<ProviderReply>(&parsed)) {
        v.ok = true, v.reply = std::move(*reply);
        return v;
    }
    const auto& e = std::get<ProviderError>(parsed);
    v.error = CallError::Malformed;
    v.errorText = "unreadable response: " + e.message;
    v.facts.transportError = true; // a garbled 200 is retried like a broken connection
    v.maybeBilled = true;
    return v;
}

} // namespace

std::string toString(CallError error) {
    switch (error) {
    case CallError::None:
        return "ok";
    case CallError::Budget:
        return "budget";
    case CallError::CallCap:
        return "call cap";
    case CallError::Cancelled:
        return "cancelled";
    case CallError::MissingKey:
        return "missing key";
    case CallError::NoPrice:
        return "no price";
    case CallError::Http:
        return "http";
    case CallError::Transport:
        return "transport";
    case CallError::Malformed:
        return "malformed";
    case CallError::Provider:
        return "provider";
    }
    return "error";
}

ModelCaller::ModelCaller(HttpEventLoop& loop, CallLogger& logger, BudgetGuard& budget, ResponseCache* cache,
                         CallerSettings settings, std::stop_token stop)
    : m_loop(loop), m_logger(logger), m_budget(budget), m_cache(cache), m_settings(std::move(settings)), m_stop(stop),
      m_jitter(hashParts({"retry-jitter", std::to_string(m_settings.seed)})) {}

AsyncSemaphore& ModelCaller::permitsFor(const std::string& model) {
    auto& slot = m_permits[model];
    if (!slot) slot = std::make_unique<AsyncSemaphore>(m_loop, m_settings.perModelConcurrency);
    return *slot;
}

void ModelCaller::annotate(const std::string& item, const std::string& strategy, const std::string& node,
                           const Reason& reason) {
    m_logger.submit([runId = m_settings.runId, item, strategy, node, reason](SqliteDb& db) {
        return updateLastCallReason(db, runId, item, strategy, node, reason);
    });
}

void ModelCaller::cancelAll() {
    for (auto id : m_inFlight)
        m_loop.cancel(id);
}

Async<HttpResult> ModelCaller::send(HttpRequest request, StreamDecoder* decoder, std::string& body,
                                   std::optional<ProviderError>& streamError, std::optional<double>& firstContentMs) {
    ++m_httpRequests;
    std::optional<std::chrono::steady_clock::time_point> firstContentAt;
    SseParser parser;
    std::vector<SseEvent> events;
    HttpEventLoop::TransferId id = 0;
    auto transfer = awaitCallback<HttpResult>([&](auto resume) {
        HttpHandlers handlers;
        // The frame outlives the transfer (we resume only in onDone), so references are safe here.
        handlers.onData = [&body, &parser, &events, &streamError, &firstContentAt, decoder](std::string_view chunk) {
            if (!decoder) {
                if (body.size() + chunk.size() <= kMaxBodyBytes) body.append(chunk);
                return;
            }
            if (body.size() < 4096) body.append(chunk.substr(0, 4096 - body.size())); // kept for the error log
            parser.feed(chunk, events);
            for (const auto& e : events)
                if (!streamError) streamError = decoder->onEvent(e);
            events.clear();
            if (!firstContentAt && decoder->deliveredContent()) firstContentAt = std::chrono::steady_clock::now();
        };
        handlers.onDone = [resume](HttpResult r) mutable { resume(std::move(r)); };
        id = m_loop.start(std::move(request), std::move(handlers));
        m_inFlight.insert(id);
    });
    HttpResult result = co_await transfer;
    m_inFlight.erase(id);
    if (firstContentAt) {
        // On the loop's own clock: the transfer began totalMs before it ended (now), which may be
        // later than this call asked for it when many transfers are queued.
        auto began = std::chrono::steady_clock::now() -
                     std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double, std::milli>(result.totalMs));
        double ms = std::chrono::duration<double, std::milli>(*firstContentAt - began).count();
        firstContentMs = std::clamp(ms, 0.0, result.totalMs);
    }
    if (decoder) {
        parser.finish(events);
        for (const auto& e : events)
            if (!streamError) streamError = decoder->onEvent(e);
    }
    co_return result;
}

Async<int> ModelCaller::sleep(double seconds) {
    // In slices, so that a cancelled run does not sit out a long Retry-After.
    while (seconds > 0 && !m_stop.stop_requested()) {
        double slice = std::min(seconds, 0.25);
        auto timer = awaitCallback<int>([&](auto resume) { m_loop.after(slice, [resume]() mutable { resume(0); }); });
        co_await timer;
        seconds -= slice;
    }
    co_return 0;
}

struct ModelCaller::Prepared {
    CallRequest req;
    const ModelSpec* model = nullptr;
    const ProviderAdapter* adapter = nullptr;
    std::string baseUrl, canonical, node, cacheKey, key;
    std::string embedder, textHash; ///< an embeddings call's identity and text key
    std::map<std::string, std::string> secretHeaders; ///< the key_ref headers' values
    const PriceEntry* price = nullptr;
    std::optional<Money> worst; ///< the budget reservation of one attempt; nullopt without a price
    int attemptsBefore = 0;     ///< attempts an interrupted run already logged for this node
    Call row;                   ///< the logged row, filled in per attempt
};

std::string ModelCaller::embedderIdentity(const ModelSpec& model) const {
    return embedderIdentityAt(model, stableBaseOf(model));
}

std::string ModelCaller::stableBaseOf(const ModelSpec& model) const {
    // The simulator's port changes every start; what it simulates does not.
    return model.provider == ProviderKind::Sim ? "sim://" + m_settings.simIdentity : m_settings.baseUrlFor(model);
}

ModelCaller::Prepared ModelCaller::prepare(CallRequest req) const {
    Prepared p;
    p.model = req.model;
    p.adapter = &adapterFor(p.model->provider);
    p.baseUrl = m_settings.baseUrlFor(*p.model);
    const std::string stableBase = stableBaseOf(*p.model);
    p.node = nodeKey(req.itemId, req.strategy, req.nodeId);
    p.price = resolvePrice(*p.model, *m_settings.prices);
    if (req.embedText) {
        p.embedder = embedderIdentityAt(*p.model, stableBase);
        p.textHash = sha256Hex(*req.embedText);
        p.canonical = embeddingsRequestText(p.embedder, *req.embedText);
        p.worst = p.price ? embeddingWorstCase(*p.price, {*req.embedText}) : std::nullopt;
    } else {
        if (m_settings.stream) req.spec.stream = true;
        if (!req.spec.maxOutputTokens) req.spec.maxOutputTokens = p.model->maxOutputTokens.value_or(kDefaultMaxOutput);
        p.canonical = p.adapter->canonicalBody(*p.model, stableBase, req.spec);
        p.cacheKey = ResponseCache::key(p.canonical, req.spec.sample);
        p.worst = p.price ? worstCaseCost(*p.price, req.spec.messages, *req.spec.maxOutputTokens) : std::nullopt;
    }
    auto logged = m_prior.lastAttempt.find(p.node);
    p.attemptsBefore = logged == m_prior.lastAttempt.end() ? 0 : logged->second;
    Call& row = p.row;
    row.attempt = p.attemptsBefore + 1;
    row.runId = m_settings.runId;
    row.itemId = req.itemId, row.strategy = req.strategy, row.nodeId = req.nodeId, row.parentNodeId = req.parentNodeId;
    row.role = req.role, row.model = p.model->name, row.reason = req.reason;
    p.req = std::move(req);
    return p;
}

std::optional<ModelCallResult> ModelCaller::reuseEmbedding(Prepared& p) {
    auto vector = m_embeddings ? m_embeddings->lookup(p.embedder, p.textHash) : std::nullopt;
    if (!vector) return std::nullopt; // sent again even when a resumed run's log has it: the vector is what counts
    ModelCallResult out;
    out.embedder = p.embedder;
    if (auto prior = m_prior.finished.find(p.node); prior != m_prior.finished.end()) {
        out.usage = prior->second.usage, out.cost = prior->second.cost, out.latencyMs = prior->second.latencyMs;
        out.embedding = std::move(*vector);
        return out;
    }
    // Nothing is sent or spent. As for the response cache the row keeps the list price (of the
    // text's estimated tokens: the cache keeps no usage), marked estimated and a cache hit.
    Call& row = p.row;
    row.status = CallStatus::Ok, row.cacheHit = true, row.costEstimated = true;
    row.usage = embeddingsUsage(estimateTokens(*p.req.embedText));
    row.cost = p.price ? computeCost(*p.price, row.usage).computed : std::nullopt;
    row.startedAtMs = row.finishedAtMs = nowMs();
    m_logger.log(row, p.canonical, embeddingsResponseText(vector->size(), true));
    out.usage = row.usage, out.cost = row.cost;
    out.embedding = std::move(*vector);
    return out;
}

std::optional<ModelCallResult> ModelCaller::reuse(Prepared& p) {
    if (p.req.embedText) return reuseEmbedding(p);
    ModelCallResult out;
    if (auto prior = m_prior.finished.find(p.node); prior != m_prior.finished.end()) {
        out.text = prior->second.text, out.usage = prior->second.usage, out.cost = prior->second.cost;
        out.latencyMs = prior->second.latencyMs, out.attempts = 0;
        return out;
    }
    auto hit = m_cache ? m_cache->lookup(p.cacheKey) : std::nullopt;
    if (!hit) return std::nullopt;
    // Nothing is sent or spent; the row keeps the call's list price so that strategies compare at
    // what their calls cost, and cache_hit says it was not paid again.
    Call& row = p.row;
    row.status = CallStatus::Ok, row.cacheHit = true, row.usage = hit->usage;
    row.finishReason = hit->finishReason;
    row.cost = p.price ? computeCost(*p.price, hit->usage).computed : std::nullopt;
    row.startedAtMs = row.finishedAtMs = nowMs();
    // The latency of the call that first made the answer (cache_hit marks it as such): a cached
    // strategy is compared at the speed it would have had, not at 0 (unknown for pre-v5 entries).
    row.latencyMs = hit->latencyMs, row.ttftMs = hit->ttftMs;
    m_logger.log(row, p.canonical, hit->text);
    out.text = hit->text, out.usage = hit->usage, out.cost = row.cost, out.finishReason = hit->finishReason;
    out.latencyMs = hit->latencyMs.value_or(0);
    return out;
}

std::optional<ModelCallResult> ModelCaller::refuse(Prepared& p) {
    ModelCallResult out;
    const ModelSpec& model = *p.model;
    if (!p.worst && m_budget.cap()) {
        out.error = CallError::NoPrice;
        out.errorText = "model " + model.name + " has no " + (p.req.embedText ? "input " : "") +
                        "price, so its cost cannot be kept under the cap; add a price";
        return out;
    }
    if (p.req.embedText && model.provider == ProviderKind::Anthropic) {
        out.error = CallError::Provider;
        out.errorText = buildEmbeddingsRequest(model, "", "", {""}).error().message;
        return out;
    }
    if (!model.headers.empty()) {
        ResolvedHeaders headers = resolveSecretHeaders(model, m_settings.resolveKey);
        if (!headers.missing.empty()) {
            out.error = CallError::MissingKey;
            out.errorText = "no value for header " + headers.missing + " of model " + model.name + " at " +
                            model.headers.at(headers.missing).keyRef.toString();
            return out;
        }
        for (const auto& [name, value] : headers.values)
            if (std::find(m_secrets.begin(), m_secrets.end(), value) == m_secrets.end()) m_secrets.push_back(value);
        p.secretHeaders = std::move(headers.values);
    }
    if (model.keyRef.kind == KeyRef::Kind::None) return std::nullopt;
    auto resolved = m_settings.resolveKey ? m_settings.resolveKey(model.keyRef) : std::nullopt;
    if (!resolved || resolved->empty()) {
        out.error = CallError::MissingKey;
        out.errorText = "no key for model " + model.name + " at " + model.keyRef.toString();
        return out;
    }
    p.key = *resolved;
    if (std::find(m_secrets.begin(), m_secrets.end(), p.key) == m_secrets.end()) m_secrets.push_back(p.key);
    return std::nullopt;
}

Async<std::optional<AttemptFacts>> ModelCaller::attempt(Prepared& p, int number, ModelCallResult& out) {
    std::optional<AttemptFacts> retryOn;
    if (m_stop.stop_requested()) {
        out.error = CallError::Cancelled, out.errorText = "cancelled";
        co_return retryOn;
    }
    Money reservation = p.worst.value_or(Money{0});
    if (auto refusal = m_budget.reserve(reservation); refusal != BudgetGuard::Refusal::None) {
        out.error = refusal == BudgetGuard::Refusal::Budget ? CallError::Budget : CallError::CallCap;
        out.errorText = refusal == BudgetGuard::Refusal::Budget ? "the run's budget cap would be exceeded"
                                                                : "the run's call cap is reached";
        co_return retryOn;
    }
    Call& row = p.row;
    out.attempts = number;
    row.attempt = p.attemptsBefore + number;
    row.startedAtMs = nowMs();
    HttpRequest http = p.req.embedText ? buildEmbeddingsRequest(*p.model, p.baseUrl, p.key, {*p.req.embedText}).value()
                                        : p.adapter->buildRequest(*p.model, p.baseUrl, p.req.spec, p.key);
    applyEndpointExtras(http, *p.model, p.secretHeaders);
    http.timeouts = m_settings.timeouts;
    auto decoder = p.req.spec.stream && !p.req.embedText ? p.adapter->streamDecoder() : nullptr;
    std::string body;
    std::optional<ProviderError> streamError;
    std::optional<double> firstContentMs;
    auto sending = send(std::move(http), decoder.get(), body, streamError, firstContentMs);
    HttpResult r = co_await sending;
    Verdict v = judge(*p.adapter, r, body, decoder.get(), streamError,
                      p.req.embedText ? std::optional<ProviderKind>(p.model->provider) : std::nullopt);

    row.finishedAtMs = nowMs();
    row.httpStatus = r.status ? std::optional<int>(int(r.status)) : std::nullopt;
    // Time to first token exists only for a stream; a whole body's first byte is its last token.
    row.ttftMs = firstContentMs;
    row.latencyMs = r.totalMs;
    row.maybeBilled = !v.ok && v.maybeBilled;
    row.usage = v.ok ? v.reply.usage : TokenUsage{};
    row.finishReason = v.ok ? v.reply.finishReason : std::string();
    row.billedCost.reset();
    if (v.ok) {
        CallCost cost = p.price ? computeCost(*p.price, v.reply.usage) : CallCost{};
        cost.billed = v.reply.billedCost;
        row.cost = cost.effective(), row.billedCost = cost.billed;
    } else {
        // Nothing billed for a refused request; unknown for one that may have been run.
        row.cost = v.maybeBilled ? std::nullopt : std::optional<Money>(Money{0});
    }
    m_budget.settle(reservation, p.worst ? row.cost : std::optional<Money>(Money{0}));
    if (!row.cost)
        out.cost.reset();
    else if (out.cost)
        *out.cost += *row.cost;
    out.latencyMs += r.totalMs;

    row.status = v.ok                              ? CallStatus::Ok
                 : v.error == CallError::Cancelled ? CallStatus::Cancelled
                                                   : CallStatus::Error;
    row.error = redactSecrets(v.errorText, m_secrets);
    std::string responseText =
        v.ok ? (p.req.embedText ? embeddingsResponseText(v.embedding.size(), false) : redactSecrets(v.reply.text, m_secrets))
             : redactSecrets(body.substr(0, 4096), m_secrets);
    m_logger.log(row, p.canonical, responseText);

    if (v.ok && p.req.embedText) {
        out.error = CallError::None, out.errorText.clear();
        out.usage = v.reply.usage, out.embedder = p.embedder;
        if (m_embeddings) m_embeddings->store(p.embedder, p.textHash, v.embedding, nowMs());
        out.embedding = std::move(v.embedding);
        co_return retryOn;
    }
    if (v.ok) {
        out.text = std::move(responseText), out.usage = v.reply.usage, out.finishReason = v.reply.finishReason;
        out.error = CallError::None, out.errorText.clear();
        if (m_cache)
            m_cache->store(p.cacheKey, {out.text, out.usage, out.finishReason, row.latencyMs, row.ttftMs}, nowMs());
        co_return retryOn;
    }
    out.error = v.error, out.errorText = row.error;
    v.facts.retriesSoFar = number - 1;
    v.facts.cancelled = m_stop.stop_requested() || v.error == CallError::Cancelled;
    retryOn = v.facts;
    co_return retryOn;
}

Async<ModelCallResult> ModelCaller::call(CallRequest request) {
    Prepared p = prepare(std::move(request));
    if (auto reused = reuse(p)) co_return *reused;
    if (auto refused = refuse(p)) co_return *refused;
    AsyncSemaphore& permits = permitsFor(p.model->name);
    co_await permits.acquire();
    ModelCallResult out;
    out.cost = Money{0};
    for (int number = 1;; ++number) {
        auto trying = attempt(p, number, out);
        std::optional<AttemptFacts> failed = co_await trying;
        if (!failed) break;
        RetryDecision decision = decideRetry(*failed, m_jitter.uniform(), std::chrono::system_clock::now());
        if (!decision.retry) break;
        auto waiting = sleep(decision.delaySeconds);
        co_await waiting;
    }
    permits.release();
    co_return out;
}

} // namespace baton::core
