// SPDX-License-Identifier: MIT
#pragma once
/// Model compatibility: what a vendor has announced about a model that a pool must respect
/// before a run, rather than learning it from a 400 on every call: deprecations with their end
/// of life, and request parameters newer models refuse. Never fails: returns diagnostics
/// (warnings for a deprecation, errors for a parameter every call would be refused for, or a
/// model past its end of life).

#include "model/model_spec.h"
#include "util/diagnostic.h"

#include <optional>
#include <string>
#include <vector>

namespace baton::core {

/// The announced end-of-life date ("YYYY-MM-DD") of a deprecated model, by remote id (a
/// "vendor/" prefix, as OpenRouter writes it, is ignored).
std::optional<std::string> endOfLife(const std::string& remoteModel);

/// Diagnostics for `model`, located at `location` (e.g. "/models/2"); `today` is "YYYY-MM-DD"
/// (util/calendar_date.h's todayIso()).
std::vector<Diagnostic> checkModelCompat(const ModelSpec& model, const std::string& location, const std::string& today);

} // namespace baton::core
