// SPDX-License-Identifier: MIT
#include "providers/anthropic_headers.h"

namespace baton::core {

std::vector<std::pair<std::string, std::string>> anthropicHeaders(const ModelSpec& model, const std::string& apiKey) {
    std::string version = model.apiVersion.empty() ? kAnthropicCurrentVersion : model.apiVersion;
    // Unpinned, the key header follows the version: x-api-key is what 2023-06-01 clients sent.
    std::string auth = !model.auth.empty() ? model.auth : version == kAnthropicLegacyVersion ? "x-api-key" : "bearer";
    std::vector<std::pair<std::string, std::string>> headers = {{"anthropic-version", version}};
    if (!apiKey.empty()) {
        if (auth == "x-api-key")
            headers.emplace_back("x-api-key", apiKey);
        else
            headers.emplace_back("Authorization", "Bearer " + apiKey);
    }
    return headers;
}

} // namespace baton::core
