// SPDX-License-Identifier: MIT
#include "task_stream_import.h"
#include "io/read_ahead_items.h"
#include "store/task_set_sources.h"
#include "store/task_set_writer.h"
#include "util/file_io.h"
#include "util/sha256.h"

#include <filesystem>

namespace baton::cli {

using namespace baton::core;

Result<StreamedImport> streamTasksIntoWorkspace(SqliteDb& db, const std::string& path, const ImportOptions& options,
                                                int64_t nowMs, std::stop_token stop) {
    auto format = resolveFormat(path, options.format);
    if (!format) return std::unexpected(format.error());
    // The file is read twice (its SHA-256, then its items): a pipe read for the hash had nothing
    // left ("no items to import" of 300 piped items), and a FIFO's second open waited forever.
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec) &&
        !std::filesystem::is_directory(path, ec))
        return fail(ErrorKind::BadInput, path + ": a pipe or device, not a file; tasks import reads the file twice "
                                                "(its SHA-256, then its items). Save it to a file first "
                                                "(e.g. `... > tasks.jsonl`) and import that");
    auto fileHash = sha256OfFile(path);
    if (!fileHash) return std::unexpected(fileHash.error());
    if (stop.stop_requested()) return std::unexpected(importCancelled());
    std::string optionsJson = contentOptionsJson(options, *format).dump();
    std::string sourceKey = sha256Hex(*fileHash + "\n" + optionsJson);
    auto known = findImportedSource(db, sourceKey);
    if (!known) return std::unexpected(known.error());
    if (*known)
        return StreamedImport{(*known)->taskSetId, (*known)->name, (*known)->contentHash, (*known)->itemCount,
                              true, true, 0, {}};

    auto fileReader = TaskItemReader::fromFile(path, *format, options.mapping);
    if (!fileReader) return std::unexpected(fileReader.error());
    ReadAheadItems reader(std::move(*fileReader)); // parses on its own thread while this one stores
    std::string name = options.name.empty() ? std::filesystem::path(path).stem().string() : options.name;
    auto writer = TaskSetWriter::begin(db, name, options.defaultGrader, path, nowMs, WriterCache::Enlarged);
    if (!writer) return std::unexpected(writer.error());

    std::vector<Diagnostic> problems;
    std::vector<size_t> lineOf; // by position: where each written item was, for duplicate ids
    int64_t itemsRead = 0;
    for (;;) {
        if (stop.stop_requested()) return std::unexpected(importCancelled()); // the writer rolls back
        auto next = reader.next();
        if (!next) return std::unexpected(next.error()); // the writer rolls back as it goes
        if (!*next) break;
        ++itemsRead;
        ReadItem& read = (*next)->read;
        if (read.problem.empty()) {
            auto earlier = (*writer)->add(read.item, (*next)->dump);
            if (!earlier) return std::unexpected(earlier.error());
            if (*earlier)
                read.problem = duplicateIdProblem(read.item.id, lineOf[size_t(**earlier)]);
            else
                lineOf.push_back(read.line);
        }
        if (!read.problem.empty())
            problems.push_back({Severity::Error, path, "line " + std::to_string(read.line), std::move(read.problem)});
    }
    if (!problems.empty() && !options.skipBad) {
        std::string message = badLinesMessage(path, problems.size());
        return fail(ErrorKind::BadInput, message, std::move(problems));
    }
    if ((*writer)->items() == 0) return fail(ErrorKind::BadInput, path + ": no items to import", std::move(problems));

    if (stop.stop_requested()) return std::unexpected(importCancelled());
    auto saved = (*writer)->finish();
    if (!saved) return std::unexpected(saved.error());
    StreamedImport out{saved->id,     name,  (*writer)->contentHash(), int64_t((*writer)->items()),
                       saved->alreadyPresent, false, itemsRead,        skippedWarnings(std::move(problems))};
    if (out.skipped.empty()) // a file with bad lines is read again next time, to list them again
        if (auto ok = recordImportedSource(db, sourceKey, *fileHash, optionsJson, saved->id, nowMs); !ok)
            return std::unexpected(ok.error());
    return out;
}

} // namespace baton::cli
