// SPDX-License-Identifier: MIT
#pragma once
/// Recognises values that look like API keys, so that they are refused in pool files and
/// never echoed in messages.

#include <string_view>

namespace baton::core {

/// True for strings shaped like a provider key or bearer token (sk-..., AIza..., Bearer ...).
bool looksLikeSecret(std::string_view value);

/// True when free text holds a key anywhere: a key-shaped word ("my key sk-proj-..."), a
/// secret-named assignment ("key=...", "?api_key=..."), or an AWS access key id or secret key.
bool containsSecret(std::string_view text);

/// True for field names that only ever hold a secret (api_key, token, password, ...).
bool isSecretFieldName(std::string_view name);

} // namespace baton::core
