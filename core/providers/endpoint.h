// SPDX-License-Identifier: MIT
#pragma once
/// Where a model's requests go: its base URL, else its provider's public endpoint; a simulated
/// model goes to the simulator in use. No trailing slash.

#include "model/model_spec.h"

#include <string>

namespace baton::core {

/// The public API endpoint of each provider kind ("" for the simulator, which has none).
std::string defaultBaseUrl(ProviderKind provider);
/// `simBaseUrl` is the running simulator's URL ("" when none runs).
std::string baseUrlFor(const ModelSpec& model, const std::string& simBaseUrl);

} // namespace baton::core
