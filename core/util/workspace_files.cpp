// SPDX-License-Identifier: MIT
#include "workspace_files.h"

#include <filesystem>

namespace baton::core {
namespace {

bool sameFile(const std::string& a, const std::string& b) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::equivalent(a, b, ec) && !ec) return true; // hard links too
    auto ca = fs::weakly_canonical(a, ec);
    if (ec) return false;
    auto cb = fs::weakly_canonical(b, ec);
    return !ec && ca == cb; // files not yet made, and symlinks
}

} // namespace

std::string workspaceFileAt(const std::string& target, const std::string& workspace) {
    if (target.empty() || workspace.empty()) return {};
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (sameFile(target, workspace + suffix)) return workspace + suffix;
    return {};
}

} // namespace baton::core
