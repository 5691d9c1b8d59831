// SPDX-License-Identifier: MIT
#include "workspace_guard.h"

#include "util/printable.h"
#include "util/workspace_files.h"

namespace baton::cli {

std::optional<std::string> outputOverWorkspace(const ParsedArgs& args) {
    auto db = args.value("--db");
    if (!db || db->empty()) return std::nullopt;
    for (const char* option : {"--out", "--html", "--xlsx", "--chart"})
        for (const auto& out : args.all(option))
            if (auto file = core::workspaceFileAt(out, *db); !file.empty())
                return std::string(option) + " " + core::printable(out) + " is the workspace " +
                       (file != *db ? "file " + core::printable(file) + " of " : std::string()) + core::printable(*db) +
                       "; writing there would destroy every run in it. Name another file";
    return std::nullopt;
}

} // namespace baton::cli
