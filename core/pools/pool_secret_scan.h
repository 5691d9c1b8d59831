// SPDX-License-Identifier: MIT
#pragma once
/// Finds values in a pool document that look like API keys, so that the loader refuses them.

#include "util/json_reader.h"

namespace baton::core {

/// Reports an error to `reader` for every secret-looking value, without ever quoting it.
void reportSecrets(JsonReader& reader, const Json& value, const std::string& path);

} // namespace baton::core
