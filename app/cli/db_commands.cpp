// SPDX-License-Identifier: MIT
// baton-cli db info | db check | db compact | prices show

#include "cli_output.h"
#include "command.h"
#include "pool_summary.h"
#include "util/calendar_date.h"
#include "store/workspace.h"
#include "store/workspace_compact.h"

#include <iomanip>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace baton::cli {
namespace {

int infoCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || !args.positional.empty()) return usageError("db info needs --db DB", "db info");
    auto workspace = core::Workspace::openForReading(*db);
    if (!workspace) return reportError(workspace.error(), json);
    auto info = workspace->info();
    if (!info) return reportError(info.error(), json);
    const auto& notMigrated = workspace->notMigrated();
    if (json) {
        printJson({{"path", info->path},
                   {"schema_version", info->schemaVersion},
                   {"latest_schema_version", info->latestSchemaVersion},
                   {"not_migrated", notMigrated ? nlohmann::json(notMigrated->message) : nlohmann::json()},
                   {"journal_mode", info->journalMode},
                   {"integrity", info->integrity},
                   {"size_bytes", info->sizeBytes},
                   {"rows", info->rowCounts}});
        return Ok;
    }
    std::cout << "Workspace " << info->path << "\n  schema " << info->schemaVersion << " (latest "
              << info->latestSchemaVersion << "), journal " << info->journalMode << ", integrity " << info->integrity
              << ", " << info->sizeBytes << " bytes\n";
    if (notMigrated) std::cout << "  read as it is, not migrated: " << notMigrated->message << "\n";
    size_t width = 0;
    for (const auto& [table, rows] : info->rowCounts)
        width = std::max(width, table.size());
    for (const auto& [table, rows] : info->rowCounts)
        std::cout << "  " << std::left << std::setw(int(width) + 2) << table << rows << "\n";
    return Ok;
}

int checkCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || !args.positional.empty()) return usageError("db check needs --db DB", "db check");
    // Read as it is when it cannot be written or migrated (a read-only copy, a damaged row): what
    // is damaged is what the user needs to know, and the migration's error did not say.
    auto workspace = core::Workspace::openForReading(*db);
    if (!workspace) return reportError(workspace.error(), json);
    std::unique_ptr<core::SqliteDb> reader;
    core::SqliteDb* connection = workspace->writer();
    if (!connection) {
        auto opened = workspace->openReader();
        if (!opened) return reportError(opened.error(), json);
        reader = std::move(*opened);
        connection = reader.get();
    }
    const auto& notMigrated = workspace->notMigrated();
    if (notMigrated) std::cerr << "baton-cli: checked as it is, not migrated: " << notMigrated->message << "\n";
    if (!workspace->checkedOnOpen()) // opening checks by itself only after an unclean shutdown or read as it is
        if (auto ok = core::Workspace::checkIntegrity(*connection); !ok) return reportError(ok.error(), json);
    if (auto ok = core::Workspace::checkReferences(*connection); !ok) return reportError(ok.error(), json);
    if (json)
        printJson({{"path", *db},
                   {"integrity", "ok"},
                   {"references", "ok"},
                   {"not_migrated", notMigrated ? nlohmann::json(notMigrated->message) : nlohmann::json()}});
    else
        std::cout << "Workspace " << *db << ": integrity ok, every reference finds its row\n";
    return Ok;
}

int compactCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || !args.positional.empty()) return usageError("db compact needs --db DB", "db compact");
    auto workspace = core::Workspace::open(*db, false);
    if (!workspace) return reportError(workspace.error(), json);
    core::CompactProgress progress;
    if (isatty(STDERR_FILENO))
        progress = [rebuilding = false](std::string_view step, double fraction) mutable {
            if (step == "texts") {
                rebuilding = true;
                std::fprintf(stderr, "\rrebuilding the texts: %3.0f%%", 100 * fraction);
            } else if (fraction < 1) {
                std::fputs(rebuilding ? "\nvacuuming... " : "vacuuming... ", stderr);
            } else {
                std::fputs("done\n", stderr);
            }
        };
    auto report = core::compactWorkspace(*workspace->writer(), progress);
    if (!report) return reportError(report.error(), json);
    if (json) {
        printJson({{"path", *db},
                   {"texts_rebuilt", report->textsRebuilt},
                   {"texts", report->texts},
                   {"bytes_before", report->bytesBefore},
                   {"bytes_after", report->bytesAfter}});
        return Ok;
    }
    std::cout << "Workspace " << *db << ": "
              << (report->textsRebuilt ? std::to_string(report->texts) + " texts moved to the current layout, "
                                       : std::string("texts already in the current layout, "))
              << report->bytesBefore << " -> " << report->bytesAfter << " bytes\n";
    return Ok;
}

int pricesCommand(const ParsedArgs& args) {
    const auto& book = core::PriceBook::bundled();
    auto stale = book.staleEntries(core::todayIso(), kStalePriceDays);
    if (args.has("--json")) {
        nlohmann::json entries = nlohmann::json::array();
        for (const auto& [id, e] : book.entries()) {
            auto j = core::toJson(e);
            j["stale"] = std::find(stale.begin(), stale.end(), id) != stale.end();
            entries.push_back(j);
        }
        printJson({{"entries", entries}, {"stale_after_days", kStalePriceDays}});
        return Ok;
    }
    std::cout << std::left << std::setw(58) << "ID" << std::setw(8) << "IN" << std::setw(8) << "CACHED" << std::setw(8)
              << "OUT"
              << "AS OF\n";
    auto cell = [](const std::optional<double>& v) {
        std::ostringstream out;
        if (v)
            out << *v;
        else
            out << "-";
        return out.str();
    };
    for (const auto& [id, e] : book.entries()) {
        bool isStale = std::find(stale.begin(), stale.end(), id) != stale.end();
        std::cout << std::setw(58) << id << std::setw(8) << cell(e.prices.input) << std::setw(8)
                  << cell(e.prices.cachedInput) << std::setw(8) << cell(e.prices.output) << e.asOf
                  << (isStale ? "  (stale)" : "") << "\n";
    }
    std::cout << "\nUSD per 1M tokens. Stale: older than " << kStalePriceDays << " days; override in a pool file.\n";
    return Ok;
}

} // namespace

std::vector<Command> dbCommands() {
    return {{"db info",
             "schema version, integrity and row counts of a workspace",
             "Usage: baton-cli db info --db DB [--json]\n\n"
             "Opens the workspace (running integrity_check and forward migrations) and prints its\n"
             "schema version, journal mode, integrity, size and row counts per table.\n",
             {{"--db", true}},
             infoCommand},
            {"db check",
             "the full integrity check of a workspace",
             "Usage: baton-cli db check --db DB [--json]\n\n"
             "Runs SQLite's full integrity_check, then its foreign_key_check (every row a row refers to\n"
             "is there; seconds on a workspace of a million calls). Opening a\n"
             "workspace runs it by itself only after an unclean shutdown (a crash or kill -9 leaves the\n"
             "WAL file behind); otherwise opening costs the same at any size. Exit code 1 when damaged.\n",
             {{"--db", true}},
             checkCommand},
            {"db compact",
             "rewrite a workspace without its free pages, in the current texts layout",
             "Usage: baton-cli db compact --db DB [--json]\n\n"
             "A workspace that held texts before schema 12 keeps them in the older layout, where each\n"
             "text logged rewrites a page of bodies somewhere in the table; compact moves them to the\n"
             "current one (in one transaction), then runs SQLite's VACUUM, which returns free pages to\n"
             "the disk. Needs the workspace to itself (refused while a run, the workbench or a report\n"
             "has it open; locked while it works), free space for twice its size beside it and once\n"
             "more in SQLITE_TMPDIR or TMPDIR (else /var/tmp). Progress on stderr. A workspace of a\n"
             "million calls (2.7 GB) took 26 s here; minutes on a busy machine.\n",
             {{"--db", true}},
             compactCommand}};
}

std::vector<Command> priceCommands() {
    return {{"prices show",
             "the bundled price book, with stale entries flagged",
             "Usage: baton-cli prices show [--json]\n\n"
             "Lists the price book compiled into Baton: USD per 1M input, cached-input and output\n"
             "tokens, with the date each price was read. Entries older than 180 days are flagged.\n",
             {},
             pricesCommand}};
}

} // namespace baton::cli
