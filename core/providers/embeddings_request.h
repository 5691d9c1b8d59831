// SPDX-License-Identifier: MIT
#pragma once
/// Embeddings requests and their parser, beside the chat adapters: OpenAI-compatible
/// `POST {base}/embeddings` (also the simulator's /v1/embeddings) and Gemini's
/// `POST {base}/v1beta/models/{model}:batchEmbedContents`. Anthropic serves no embeddings: refused.

#include "model/model_spec.h"
#include "net/http_types.h"
#include "util/result.h"

#include <optional>
#include <string>
#include <vector>

namespace baton::core {

struct EmbeddingsReply {
    std::vector<std::vector<float>> vectors; ///< one per input, in input order, all of one dimension
    std::optional<int64_t> promptTokens;     ///< usage.prompt_tokens; nullopt when not reported (Gemini)
};

/// The request embedding `texts` (non-empty) with `model`'s remote model and the provider's key header.
/// Errors: BadInput for Anthropic (no embeddings endpoint), BadInput for no texts.
Result<HttpRequest> buildEmbeddingsRequest(const ModelSpec& model, const std::string& baseUrl,
                                           const std::string& apiKey, const std::vector<std::string>& texts);

/// The vectors of a 2xx body for `expected` inputs. Errors: BadInput naming what is wrong (not
/// JSON, no data array, a count or index that does not match the inputs, a non-numeric or
/// non-finite value, dimensions that differ, an empty vector).
Result<EmbeddingsReply> parseEmbeddingsResponse(ProviderKind provider, const std::string& body, size_t expected);

} // namespace baton::core
