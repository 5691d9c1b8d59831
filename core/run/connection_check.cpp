#include "run/connection_check.h"
#include "providers/model_listing.h"
#include "providers/provider_adapter.h"
#include "run/run_execution.h"
#include "util/redact.h"
#include "util/url.h"

#include <algorithm>
#include <future>

namespace baton::core {
namespace {

HttpResult fetch(HttpEventLoop& loop, HttpRequest request, std::string& body) {
    std::promise<HttpResult> done;
    auto result = done.get_future();
    HttpHandlers handlers;
    handlers.onData = [&body](std::string_view chunk) { body.append(chunk); };
    handlers.onDone = [&done](HttpResult r) { done.set_value(std::move(r)); };
    loop.start(std::move(request), std::move(handlers));
    return result.get();
}

ConnectionCheck failed(std::string summary, const std::string& key) {
    ConnectionCheck check;
    check.summary =
        redactSecrets(std::move(summary), key.empty() ? std::vector<std::string>{} : std::vector<std::string>{key});
    return check;
}

} // namespace

ConnectionCheck checkConnection(HttpEventLoop& loop, const ModelSpec& model, const RunEnvironment& env,
                                HttpTimeouts timeouts) {
    std::string baseUrl = baseUrlFor(model, env);
    auto url = parseUrl(baseUrl);
    if (!url) return failed("the base URL \"" + baseUrl + "\" is not an http(s) URL", "");
    if (url->scheme != "https" && !isLoopbackHost(url->host))
        return failed("plain http is only allowed to loopback; the key would travel in clear", "");
    std::string key;
    if (model.keyRef.kind != KeyRef::Kind::None) {
        auto found = env.resolveKey ? env.resolveKey(model.keyRef) : std::nullopt;
        if (!found || found->empty())
            return failed("no key found at " + model.keyRef.toString() + "; store it or set the variable first", "");
        key = *found;
    }

    HttpRequest request = buildModelListRequest(model.provider, baseUrl, key);
    request.timeouts = timeouts;
    std::string body;
    HttpResult result = fetch(loop, std::move(request), body);

    ConnectionCheck check;
    check.httpStatus = result.status;
    check.latencyMs = result.totalMs;
    if (result.failure != HttpFailure::None)
        return failed(baseUrl + " did not answer (" + toString(result.failure) + ": " + result.error + ")", key);
    if (result.status == 401 || result.status == 403)
        return failed("the endpoint refused the key at " + model.keyRef.toString() + " (HTTP " +
                          std::to_string(result.status) + "); check the key and its permissions",
                      key);
    if (result.status < 200 || result.status >= 300) {
        auto error = adapterFor(model.provider).parseError(body);
        return failed(
            "HTTP " + std::to_string(result.status) + " from " + baseUrl + (error ? ": " + error->message : ""), key);
    }
    auto ids = parseModelList(model.provider, body);
    if (!ids) return failed(baseUrl + " answered, but not with a model listing: " + ids.error().message, key);
    check.modelsListed = ids->size();
    check.ok = std::ranges::find(*ids, model.remoteModel) != ids->end();
    check.summary = check.ok ? "reachable, key accepted, \"" + model.remoteModel + "\" is served (" +
                                   std::to_string(ids->size()) + " models listed)"
                             : "reachable and key accepted, but \"" + model.remoteModel + "\" is not among the " +
                                   std::to_string(ids->size()) + " models listed; check the remote model id";
    check.summary =
        redactSecrets(check.summary, key.empty() ? std::vector<std::string>{} : std::vector<std::string>{key});
    return check;
}

} // namespace baton::core
