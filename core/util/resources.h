// SPDX-License-Identifier: MIT
#pragma once
/// Files from resources/ compiled into Baton (price book, role prompts, demo pool and profile),
/// so every binary works without locating an install folder.

#include <optional>
#include <string_view>
#include <vector>

namespace baton::core {

struct EmbeddedResource {
    std::string_view path; ///< relative to resources/, e.g. "prompts/judge.txt"
    std::string_view data;
};

const std::vector<EmbeddedResource>& embeddedResources();
/// The bytes of `path`, or nullopt when no such file was embedded.
std::optional<std::string_view> embeddedResource(std::string_view path);

} // namespace baton::core
