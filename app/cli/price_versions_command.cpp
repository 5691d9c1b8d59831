// SPDX-License-Identifier: MIT
// baton-cli prices versions: the dated price lists kept in a workspace

#include "cli_output.h"
#include "command.h"
#include "store/price_versions.h"
#include "util/printable.h"
#include "workspace_reader.h"

#include <iomanip>
#include <iostream>

namespace baton::cli {
namespace {

int run(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || !args.positional.empty())
        return usageError("prices versions takes --db DB and no other argument", "prices versions");
    auto reader = openWorkspaceReader(*db);
    if (!reader) return reportError(reader.error(), json);
    auto versions = core::listPriceVersions(**reader);
    if (!versions) return reportError(versions.error(), json);
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& v : *versions)
            list.push_back({{"id", v.id},
                            {"as_of", v.asOf},
                            {"source", v.source},
                            {"models", v.modelCount},
                            {"sha256", v.sha256},
                            {"imported_at_ms", v.importedAtMs}});
        printJson({{"versions", list}});
        return Ok;
    }
    if (versions->empty()) {
        std::cout << "No price versions in " << core::printable(*db)
                  << "; store one with `baton-cli prices import FILE --db " << core::printable(*db) << "`\n";
        return Ok;
    }
    std::cout << std::left << std::setw(6) << "ID" << std::setw(12) << "AS OF" << std::setw(8) << "MODELS"
              << std::setw(14) << "SHA256"
              << "SOURCE\n";
    for (const auto& v : *versions)
        std::cout << std::setw(6) << v.id << std::setw(12) << core::printable(v.asOf) << std::setw(8) << v.modelCount
                  << std::setw(14) << v.sha256.substr(0, 12) << core::printable(v.source) << "\n";
    return Ok;
}

} // namespace

Command priceVersionsCommand() {
    return {"prices versions",
            "the dated price lists kept in a workspace",
            "Usage: baton-cli prices versions --db DB [--json]\n\n"
            "Lists the price versions stored with `prices import FILE --db DB`, newest first: id, the date\n"
            "its prices were read (as of), how many models it prices, the start of the SHA-256 of the file\n"
            "imported, and its source. --json gives the whole SHA-256 and the import time. Re-price a run\n"
            "with one: `baton-cli reprice RUN --db DB --price-version ID`.\n",
            {{"--db", true}},
            run};
}

} // namespace baton::cli
