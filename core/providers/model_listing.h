// SPDX-License-Identifier: MIT
#pragma once
/// Model listing: the provider's free "list models" request (GET, no tokens spent) and its
/// parser. The workbench's "Test connection" uses it to check an endpoint, its key and that the
/// remote model id is served there, without paying for a completion.

#include "model/model_spec.h"
#include "net/http_types.h"
#include "util/result.h"

#include <string>
#include <vector>

namespace baton::core {

/// GET {base}/models (OpenAI-compatible, simulator), {base}/v1/models (Anthropic) or
/// {base}/v1beta/models (Gemini), with the provider's key header.
HttpRequest buildModelListRequest(const ModelSpec& model, const std::string& baseUrl, const std::string& apiKey);

/// The model ids in a 2xx listing body (Gemini's "models/" prefix removed).
/// Errors: BadInput when the body is not the provider's listing shape.
Result<std::vector<std::string>> parseModelList(ProviderKind provider, const std::string& body);

} // namespace baton::core
