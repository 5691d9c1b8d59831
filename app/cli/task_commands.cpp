// SPDX-License-Identifier: MIT
// baton-cli tasks import | tasks show

#include "cli_numbers.h"
#include "cli_output.h"
#include "util/printable.h"
#include "command.h"
#include "io/task_import.h"
#include "run_support.h"
#include "store/store_writer.h"
#include "store/task_set_store.h"
#include "store/workspace.h"
#include "task_stream_import.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <limits>

namespace baton::cli {
namespace {

int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::optional<core::ImportOptions> importOptions(const ParsedArgs& args, std::string& error) {
    core::ImportOptions options;
    options.skipBad = args.has("--skip-bad");
    options.name = args.value("--name").value_or("");
    if (auto format = args.value("--format")) {
        if (*format == "jsonl")
            options.format = core::TaskFormat::Jsonl;
        else if (*format == "csv")
            options.format = core::TaskFormat::Csv;
        else
            return error = "--format must be jsonl or csv", std::nullopt;
    }
    for (const auto& m : args.all("--map"))
        if (!core::applyMapping(options.mapping, m))
            return error = "--map " + m +
                           ": expected FIELD=COLUMN with FIELD one of id, category, prompt, answer, "
                           "grader, system",
                   std::nullopt;
    if (auto grader = args.value("--grader")) {
        auto kind = core::graderKindFromString(*grader);
        if (!kind)
            return error = "--grader " + *grader + ": expected exact, normalized, choice, numeric, contains",
                   std::nullopt;
        options.defaultGrader.kind = *kind;
    }
    if (auto tolerance = args.value("--tolerance")) {
        auto t = parseDecimal(*tolerance, "--tolerance", 0, 1e300, error);
        if (!t) return std::nullopt;
        options.defaultGrader.absTolerance = *t;
    }
    return options;
}

int importCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (args.positional.size() != 1 || !db) return usageError("tasks import needs FILE and --db DB", "tasks import");
    std::string error;
    auto options = importOptions(args, error);
    if (!options) return usageError(error, "tasks import");

    // Ctrl+C or SIGTERM stops between two items and the savepoint is rolled back (the signal
    // ended the process, exit 130 or 143, with no word).
    StopOnSignal signals("stopping; the items read so far are not kept"); // before any thread starts
    auto workspace = core::Workspace::open(*db);
    if (!workspace) return reportError(workspace.error(), json);

    core::StoreWriter writer(workspace->takeWriter());
    LockWaitOnStop lockWait(writer, signals, *db); // a run or another import holding the workspace
    StreamedImport imported;
    std::string source = args.positional[0];
    auto done = writer.submit([&](core::SqliteDb& conn) -> core::Status {
        auto result = streamTasksIntoWorkspace(conn, source, *options, nowMs(), signals.token());
        if (!result) return std::unexpected(result.error());
        imported = std::move(*result);
        return {};
    });
    if (auto ok = done.get(); !ok) {
        int code = reportError(ok.error(), json);
        // As a run stopped by a signal (also while it waited for another process's lock).
        return isImportCancelled(ok.error()) || core::isLockWaitGivenUp(ok.error()) ? RunStopped : code;
    }

    if (json) {
        printJson({{"ok", true},
                   {"task_set_id", imported.taskSetId},
                   {"name", imported.name},
                   {"content_hash", imported.contentHash},
                   {"items", imported.items},
                   {"already_present", imported.alreadyPresent},
                   {"same_file", imported.sameFile},
                   {"items_read", imported.itemsRead},
                   {"skipped", diagnosticsJson(imported.skipped)}});
    } else {
        printWarnings(imported.skipped);
        std::cout << (imported.alreadyPresent ? "already imported as task set " : "imported task set ")
                  << imported.taskSetId << " \"" << imported.name << "\": " << imported.items << " items";
        if (!imported.skipped.empty()) std::cout << ", " << imported.skipped.size() << " bad lines skipped";
        if (imported.sameFile) std::cout << " (the same file with the same options: not read again)";
        std::cout << " (hash " << imported.contentHash.substr(0, 12) << ")\n";
    }
    return Ok;
}

int showCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || args.positional.size() > 1)
        return usageError("tasks show needs --db DB and at most one SET", "tasks show");
    std::string bad;
    auto limit = wholeOption(args, "--limit", 0, std::numeric_limits<int64_t>::max(), bad).value_or(20);
    if (!bad.empty()) return usageError(bad, "tasks show");
    auto workspace = core::Workspace::openForReading(*db);
    if (!workspace) return reportError(workspace.error(), json);
    auto reader = workspace->openReader();
    if (!reader) return reportError(reader.error(), json);

    if (args.positional.empty()) {
        auto sets = core::listTaskSets(**reader);
        if (!sets) return reportError(sets.error(), json);
        if (json) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& s : *sets)
                out.push_back({{"id", s.id},
                               {"name", s.name},
                               {"content_hash", s.contentHash},
                               {"source", s.source},
                               {"items", s.itemCount},
                               {"categories", s.categories}});
            printJson(out);
            return Ok;
        }
        if (sets->empty()) std::cout << "no task sets in " << *db << "; import one with `baton-cli tasks import`\n";
        for (const auto& s : *sets) {
            // Names, ids, categories, prompts and answers come from task files: printed raw, an
            // id "\u001b[2J" cleared the screen (session 16), as pool names did before.
            std::cout << std::left << std::setw(5) << s.id << std::setw(28) << core::printable(s.name) << std::setw(8)
                      << s.itemCount << s.contentHash.substr(0, 12) << "  ";
            for (const auto& [cat, n] : s.categories)
                std::cout << core::printable(cat) << ":" << n << " ";
            std::cout << "\n";
        }
        return Ok;
    }
    auto head = core::loadTaskSetHead(**reader, args.positional[0], limit); // reads `limit` items only
    if (!head) return reportError(head.error(), json);
    const auto& set = head->firstItems;
    const int64_t total = head->summary.itemCount;
    if (json) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& item : set.items)
            items.push_back(core::toJson(item));
        printJson({{"name", set.name},
                   {"content_hash", head->summary.contentHash},
                   {"items_total", total},
                   {"default_grader", core::toJson(set.defaultGrader)},
                   {"items", items}});
        return Ok;
    }
    std::cout << core::printable(set.name) << ": " << total << " items, grader "
              << core::toString(set.defaultGrader.kind) << "\n";
    for (const auto& item : set.items) {
        std::string prompt = item.prompt().substr(0, 70);
        std::replace(prompt.begin(), prompt.end(), '\n', ' ');
        std::cout << std::left << std::setw(14) << core::printable(item.id) << std::setw(16)
                  << core::printable(item.category) << core::printable(prompt) << "  => "
                  << core::printable(item.references.empty() ? "" : item.references.front().substr(0, 30)) << "\n";
    }
    if (int64_t shown = int64_t(set.items.size()); shown < total)
        std::cout << "... " << total - shown << " more (--limit N)\n";
    return Ok;
}

} // namespace

std::vector<Command> taskCommands() {
    return {
        {"tasks import",
         "import a task set from JSONL or CSV into a workspace",
         "Usage: baton-cli tasks import FILE --db DB [options]\n\n"
         "JSONL: one object per line with id, category, prompt (or messages), answer (a string,\n"
         "number or array), optional grader; other fields become metadata. CSV: a header row;\n"
         "map columns with --map. Every bad line is listed with its line number and nothing is\n"
         "imported, unless --skip-bad is given. Importing the same content twice is a no-op; the\n"
         "same file with the same options is recognised by its SHA-256 without being read again.\n"
         "Items stream from the file into the workspace: memory stays small whatever its size.\n\n"
         "Options:\n"
         "  --db DB               workspace database (created if absent)\n"
         "  --format jsonl|csv    default: from the file extension\n"
         "  --map FIELD=COLUMN    FIELD: id, category, prompt, answer, grader, system (repeatable)\n"
         "  --grader KIND         default grader: exact, normalized (default), choice, numeric,\n"
         "                        contains\n"
         "  --tolerance X         absolute tolerance for the numeric grader\n"
         "  --name NAME           task set name (default: file name)\n"
         "  --skip-bad            import the good lines and report the bad ones\n"
         "  --json                machine-readable output\n",
         {{"--db", true},
          {"--format", true},
          {"--map", true, true},
          {"--grader", true},
          {"--tolerance", true},
          {"--name", true},
          {"--skip-bad"}},
         importCommand},
        {"tasks show",
         "list task sets, or the items of one",
         "Usage: baton-cli tasks show --db DB [SET] [--limit N] [--json]\n\n"
         "Without SET: every task set with its id, name, size, hash and categories.\n"
         "With SET (id, name or hash prefix): its items, the first N (default 20); only those N\n"
         "are read from the workspace.\n",
         {{"--db", true}, {"--limit", true}},
         showCommand},
    };
}

} // namespace baton::cli
