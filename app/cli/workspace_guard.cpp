// SPDX-License-Identifier: MIT
#include "workspace_guard.h"

#include "util/printable.h"

#include <filesystem>

namespace baton::cli {
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

std::optional<std::string> outputOverWorkspace(const ParsedArgs& args) {
    auto db = args.value("--db");
    if (!db || db->empty()) return std::nullopt;
    for (const char* option : {"--out", "--html", "--xlsx", "--chart"})
        for (const auto& out : args.all(option))
            for (const char* suffix : {"", "-wal", "-shm", "-journal"})
                if (!out.empty() && sameFile(out, *db + suffix))
                    return std::string(option) + " " + core::printable(out) + " is the workspace " +
                           (*suffix ? "file " + core::printable(*db + suffix) + " of " : std::string()) +
                           core::printable(*db) + "; writing there would destroy every run in it. Name another file";
    return std::nullopt;
}

} // namespace baton::cli
