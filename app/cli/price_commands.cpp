// SPDX-License-Identifier: MIT
// baton-cli prices import (into a file and/or a dated version in the workspace)

#include "bundle/price_version_import.h"
#include "cli_numbers.h"
#include "cli_output.h"
#include "command.h"
#include "util/calendar_date.h"
#include "store/workspace.h"
#include "util/file_io.h"
#include "util/printable.h"

#include <iostream>

namespace baton::cli {
namespace {

core::Result<core::SavedPriceVersion> storeVersion(const std::string& db, const core::PriceListFile& list) {
    auto workspace = core::Workspace::open(db, true);
    if (!workspace) return std::unexpected(workspace.error());
    return core::storePriceList(*workspace->writer(), list);
}

void printStored(const core::SavedPriceVersion& saved, const std::string& db) {
    const auto& v = saved.version;
    std::string sha = v.sha256.substr(0, 12);
    if (saved.created)
        std::cout << "stored as price version " << v.id << " in " << core::printable(db) << ": " << v.modelCount
                  << (v.modelCount == 1 ? " model" : " models") << " as of " << v.asOf << " (sha256 " << sha << ")\n";
    else
        std::cout << "already stored as price version " << v.id << " (as of " << v.asOf
                  << "): the same content (sha256 " << sha << "); nothing added\n";
}

int importCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto out = args.value("--out");
    auto db = args.value("--db");
    if (args.positional.size() != 1 || (!out && !db))
        return usageError("prices import needs FILE and --out BOOK.json and/or --db DB", "prices import");
    std::string bad;
    auto parsedDate = parseDate(args.value("--as-of").value_or(core::todayIso()), "--as-of", bad);
    if (!parsedDate) return usageError(core::printable(bad), "prices import");
    const std::string& asOf = *parsedDate;
    auto list = core::readCommunityPriceFile(args.positional[0], asOf, args.value("--source").value_or(""));
    if (!list) return reportError(list.error(), json);
    const core::CommunityPrices* read = &list->read;
    if (out)
        if (auto ok = core::writeFileAtomically(*out, read->book.toJsonText()); !ok)
            return reportError(ok.error(), json);
    std::optional<core::SavedPriceVersion> saved;
    if (db) {
        auto stored = storeVersion(*db, *list);
        if (!stored) return reportError(stored.error(), json);
        saved = *stored;
    }
    if (json) {
        nlohmann::json result = {{"ok", true},
                                 {"entries", read->book.entries().size()},
                                 {"skipped", read->skipped},
                                 {"as_of", asOf},
                                 {"out", out ? nlohmann::json(*out) : nlohmann::json()}};
        if (saved)
            result["version"] = {{"id", saved->version.id},         {"created", saved->created},
                                 {"as_of", saved->version.asOf},    {"source", saved->version.source},
                                 {"sha256", saved->version.sha256}, {"models", saved->version.modelCount}};
        printJson(result);
        return Ok;
    }
    if (out)
        std::cout << "wrote " << core::printable(*out) << ": " << read->book.entries().size() << " entries as of "
                  << asOf << " (" << read->skipped << " without per-token prices skipped)\n";
    if (saved) printStored(*saved, *db);
    return Ok;
}

} // namespace

std::vector<Command> repriceCommands() {
    return {
        {"prices import",
         "read a community price list (model_prices_and_context_window.json)",
         "Usage: baton-cli prices import FILE (--out BOOK.json and/or --db DB) [--as-of YYYY-MM-DD]\n"
         "                                [--source TEXT] [--json]\n\n"
         "Reads a price list in the format most gateways share (per-token input, output, cached input,\n"
         "cache write, reasoning, per-request fee, long-context tiers `..._above_<N>k_tokens`) as a Baton\n"
         "price book (USD per 1M tokens), every entry dated --as-of (default today) with its source\n"
         "(default FILE). Ids are provider/model (\"openai/gpt-4o\").\n"
         "--out: writes the book to a file. --db: keeps it as a dated price version in the workspace\n"
         "(created if absent), with its source and the SHA-256 of FILE's bytes; the same bytes imported\n"
         "again are the same version (said so, nothing added; the first date stays). List the versions\n"
         "with `prices versions`, re-price a run with one with `reprice --price-version N`.\n",
         {{"--out", true}, {"--db", true}, {"--as-of", true}, {"--source", true}},
         importCommand},
        priceVersionsCommand(),
        repriceCommand(),
    };
}

} // namespace baton::cli
