// SPDX-License-Identifier: MIT
#pragma once
/// Removes secrets from text before it is stored, logged or shown: the plain value, its
/// URL-encoded form and its base64 forms at every alignment become "[REDACTED]".

#include <string>
#include <vector>

namespace baton::core {

std::string redactSecrets(std::string text, const std::vector<std::string>& secrets);
/// The forms a secret may take in transit; the canary test searches for each.
std::vector<std::string> secretForms(const std::string& secret);

} // namespace baton::core
