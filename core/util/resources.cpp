// SPDX-License-Identifier: MIT
#include "util/resources.h"

namespace baton::core {

std::optional<std::string_view> embeddedResource(std::string_view path) {
    for (const auto& r : embeddedResources())
        if (r.path == path) return r.data;
    return std::nullopt;
}

} // namespace baton::core
