// SPDX-License-Identifier: MIT
#pragma once
/// Imports task sets from JSONL (one item per line) and CSV (a header row and a column mapping).
/// Every bad line is reported with its line number; the import refuses, or skips those lines
/// when asked to. One bad line never loses the others.

#include "model/task_set.h"
#include "util/result.h"

#include <stop_token>
#include <string>
#include <vector>

namespace baton::core {

enum class TaskFormat { Auto, Jsonl, Csv };

/// Which source field (JSONL key or CSV header) feeds each item field.
struct FieldMapping {
    std::string id = "id";             ///< absent: items are numbered from 1
    std::string category = "category"; ///< absent: "general"
    std::string prompt = "prompt";     ///< JSONL may give "messages" instead
    std::string answer = "answer";     ///< a string, a number, or (JSONL) an array of references
    std::string grader = "grader";     ///< per-item grader override, optional
    std::string system;                ///< optional system message field
};

struct ImportOptions {
    TaskFormat format = TaskFormat::Auto; ///< Auto: by extension (.jsonl/.ndjson or .csv)
    FieldMapping mapping;
    GraderSpec defaultGrader;
    bool skipBad = false;
    std::string name; ///< empty: the file name without extension
};

struct ImportedTasks {
    TaskSet set;
    std::vector<Diagnostic> skipped; ///< one warning per skipped line when skipBad
};

/// Errors: NotFound/Io for the file; BadInput with every bad line in Error::problems;
/// importCancelled() once `stop` is signalled (checked before each item).
/// importTasks reads a JSONL file line by line (TaskItemReader); the set itself is held whole.
Result<ImportedTasks> importTasks(const std::string& path, const ImportOptions& options, std::stop_token stop = {});
Result<ImportedTasks> parseTasks(const std::string& text, const std::string& fileName, const ImportOptions& options);

/// The error of an import stopped by its stop token (Ctrl+C, SIGTERM, a window closed): nothing
/// was imported. And the test for it.
Error importCancelled();
bool isImportCancelled(const Error& e);

/// The refusal's message when `badLines` lines are bad and --skip-bad was not given.
std::string badLinesMessage(const std::string& fileName, size_t badLines);
/// The problems of skipped lines as warnings ("skipped: ...").
std::vector<Diagnostic> skippedWarnings(std::vector<Diagnostic> problems);

/// The options that shape the items read from a file (`format` resolved, not Auto): the
/// format, the mapping and the default grader; the name and --skip-bad are not among them.
nlohmann::json contentOptionsJson(const ImportOptions& options, TaskFormat format);

/// Parses "field=column" into the mapping; false for an unknown field name.
bool applyMapping(FieldMapping& mapping, const std::string& assignment);

} // namespace baton::core
