// SPDX-License-Identifier: MIT
#include "run/connection_check.h"
#include "providers/endpoint.h"
#include "providers/endpoint_extras.h"
#include "providers/model_listing.h"
#include "providers/provider_adapter.h"
#include "util/redact.h"
#include "util/url.h"

#include <algorithm>
#include <memory>

namespace baton::core {
namespace {

ConnectionCheck failed(std::string summary) {
    ConnectionCheck check;
    check.summary = std::move(summary);
    return check;
}

/// What is said once the key (and any key_ref header) has been used: without them, in any form.
ConnectionCheck withoutSecrets(ConnectionCheck check, const std::vector<std::string>& secrets) {
    if (!secrets.empty()) check.summary = redactSecrets(std::move(check.summary), secrets);
    return check;
}

ConnectionCheck judgeListing(const ModelSpec& model, const std::string& baseUrl, const HttpResult& result,
                             const std::string& body) {
    ConnectionCheck check;
    check.httpStatus = result.status;
    check.latencyMs = result.totalMs;
    auto ids = parseModelList(model.provider, body);
    if (result.failure != HttpFailure::None)
        check.summary = baseUrl + " did not answer (" + toString(result.failure) + ": " + result.error + ")";
    else if (result.status == 401 || result.status == 403)
        check.summary = "the endpoint refused the key at " + model.keyRef.toString() + " (HTTP " +
                        std::to_string(result.status) + "); check the key and its permissions";
    else if (result.status < 200 || result.status >= 300) {
        auto error = adapterFor(model.provider).parseError(body);
        check.summary =
            "HTTP " + std::to_string(result.status) + " from " + baseUrl + (error ? ": " + error->message : "");
    } else if (!ids)
        check.summary = baseUrl + " answered, but not with a model listing: " + ids.error().message;
    else {
        check.modelsListed = ids->size();
        check.ok = std::ranges::find(*ids, model.remoteModel) != ids->end();
        check.summary = check.ok ? "reachable, key accepted, \"" + model.remoteModel + "\" is served (" +
                                       std::to_string(ids->size()) + " models listed)"
                                 : "reachable and key accepted, but \"" + model.remoteModel + "\" is not among the " +
                                       std::to_string(ids->size()) + " models listed; check the remote model id";
    }
    return check;
}

} // namespace

void startConnectionCheck(HttpEventLoop& loop, const ModelSpec& model, const RunEnvironment& env, HttpTimeouts timeouts,
                          std::function<void(ConnectionCheck)> done) {
    std::string baseUrl = baseUrlFor(model, env.simBaseUrl);
    auto url = parseUrl(baseUrl);
    if (!url) return done(failed("the base URL \"" + baseUrl + "\" is not an http(s) URL"));
    if (url->scheme != "https" && !isLoopbackHost(url->host))
        return done(failed("plain http is only allowed to loopback; the key would travel in clear"));
    std::string key;
    if (model.keyRef.kind != KeyRef::Kind::None) {
        auto found = env.resolveKey ? env.resolveKey(model.keyRef) : std::nullopt;
        if (!found || found->empty())
            return done(failed("no key found at " + model.keyRef.toString() + "; store it or set " +
                               model.keyRef.environmentVariable() + " first"));
        key = *found;
    }

    ResolvedHeaders headers = resolveSecretHeaders(model, env.resolveKey);
    if (!headers.missing.empty())
        return done(failed("no value for header " + headers.missing + " at " +
                           model.headers.at(headers.missing).keyRef.toString() + "; store it or export it first"));
    std::vector<std::string> secrets;
    if (!key.empty()) secrets.push_back(key);
    for (const auto& [name, value] : headers.values)
        secrets.push_back(value);

    // The listing goes the way the calls go: through the same gateway headers and query.
    HttpRequest request = buildModelListRequest(model, baseUrl, key);
    applyEndpointExtras(request, model, headers.values);
    request.timeouts = timeouts;
    auto body = std::make_shared<std::string>();
    HttpHandlers handlers;
    handlers.onData = [body](std::string_view chunk) { body->append(chunk); };
    handlers.onDone = [body, model, baseUrl, secrets = std::move(secrets), done = std::move(done)](HttpResult result) {
        done(withoutSecrets(judgeListing(model, baseUrl, result, *body), secrets));
    };
    loop.start(std::move(request), std::move(handlers));
}

} // namespace baton::core
