// SPDX-License-Identifier: MIT
#pragma once
/// The headers that carry Anthropic's API version and key. A model may pin its version and key
/// header (pool fields "api_version", "auth"); otherwise Baton sends what the current official
/// SDK sends (@anthropic-ai/sdk 1.14.0: version 2026-10-21 with Authorization: Bearer). The
/// earlier pair (2023-06-01 with x-api-key, SDK 0.x) stays available. Never fails.

#include "model/model_spec.h"

#include <string>
#include <utility>
#include <vector>

namespace baton::core {

inline constexpr const char* kAnthropicCurrentVersion = "2026-10-21";
inline constexpr const char* kAnthropicLegacyVersion = "2023-06-01";

/// anthropic-version, then the key's header when `apiKey` is not empty.
std::vector<std::pair<std::string, std::string>> anthropicHeaders(const ModelSpec& model, const std::string& apiKey);

} // namespace baton::core
