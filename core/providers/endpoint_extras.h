// SPDX-License-Identifier: MIT
#pragma once
/// A model's extra headers and query parameters from the pool file, applied to a request an
/// adapter has built: how a pool goes through header-routed gateways, observability proxies and
/// Azure OpenAI (api-version). Headers given by key_ref are resolved by the caller, who also
/// redacts their values like keys.

#include "model/model_spec.h"
#include "net/http_types.h"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace baton::core {

/// Resolves every key_ref header of `model` with `resolveKey`. The values by header name, or the
/// name of the first header with no value (so the caller can say which one is missing).
struct ResolvedHeaders {
    std::map<std::string, std::string> values;
    std::string missing; ///< "" when every header has its value
};
ResolvedHeaders resolveSecretHeaders(const ModelSpec& model,
                                     const std::function<std::optional<std::string>(const KeyRef&)>& resolveKey);

/// `url` with `query` appended, names and values percent-encoded (RFC 3986 unreserved kept).
std::string withQuery(const std::string& url, const std::map<std::string, std::string>& query);

/// Adds the model's headers (a header the adapter already set, compared without case, is
/// replaced) and query parameters to `request`. `secretValues` are the key_ref headers' values.
void applyEndpointExtras(HttpRequest& request, const ModelSpec& model,
                         const std::map<std::string, std::string>& secretValues);

} // namespace baton::core
