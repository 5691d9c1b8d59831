// SPDX-License-Identifier: MIT
#include "io/task_import.h"
#include "io/task_item_reader.h"

#include <filesystem>
#include <map>

namespace baton::core {
namespace {

/// Collects the reader's items into a set: duplicate ids, bad lines refused or skipped.
class ItemCollector {
public:
    ItemCollector(std::string fileName, const ImportOptions& options)
        : m_file(std::move(fileName)), m_options(options) {}

    void add(ReadItem&& read) {
        if (read.problem.empty())
            if (auto [it, fresh] = m_idLines.emplace(read.item.id, read.line); !fresh)
                read.problem = duplicateIdProblem(read.item.id, it->second);
        if (!read.problem.empty())
            return m_problems.push_back(
                {Severity::Error, m_file, "line " + std::to_string(read.line), std::move(read.problem)});
        m_items.push_back(std::move(read.item));
    }

    Result<ImportedTasks> finish(const std::string& defaultName) {
        if (!m_problems.empty() && !m_options.skipBad)
            return fail(ErrorKind::BadInput, badLinesMessage(m_file, m_problems.size()), m_problems);
        if (m_items.empty()) return fail(ErrorKind::BadInput, m_file + ": no items to import", m_problems);
        ImportedTasks out;
        out.set.name = m_options.name.empty() ? defaultName : m_options.name;
        out.set.defaultGrader = m_options.defaultGrader;
        m_items.shrink_to_fit(); // a run holds the set to its end: 9 MB of spare room at 90k items
        out.set.items = std::move(m_items);
        out.skipped = skippedWarnings(std::move(m_problems));
        return out;
    }

private:
    std::string m_file;
    const ImportOptions& m_options;
    std::vector<TaskItem> m_items;
    std::vector<Diagnostic> m_problems;
    std::map<std::string, size_t> m_idLines;
};

Result<ImportedTasks> collect(TaskItemReader& reader, const ImportOptions& options, std::stop_token stop) {
    ItemCollector collector(reader.fileName(), options);
    ReadItem read;
    for (;;) {
        if (stop.stop_requested()) return std::unexpected(importCancelled());
        auto more = reader.next(read);
        if (!more) return std::unexpected(more.error());
        if (!*more) break;
        collector.add(std::move(read));
    }
    return collector.finish(std::filesystem::path(reader.fileName()).stem().string());
}

} // namespace

Error importCancelled() {
    Error e;
    e.kind = ErrorKind::Io;
    e.message = "cancelled; nothing was imported";
    return e;
}

bool isImportCancelled(const Error& e) {
    return e.kind == ErrorKind::Io && e.message == importCancelled().message;
}

bool applyMapping(FieldMapping& mapping, const std::string& assignment) {
    auto eq = assignment.find('=');
    if (eq == std::string::npos || eq + 1 == assignment.size()) return false;
    std::string field = assignment.substr(0, eq), column = assignment.substr(eq + 1);
    std::map<std::string, std::string*> fields = {{"id", &mapping.id},         {"category", &mapping.category},
                                                  {"prompt", &mapping.prompt}, {"answer", &mapping.answer},
                                                  {"grader", &mapping.grader}, {"system", &mapping.system}};
    auto it = fields.find(field);
    if (it == fields.end()) return false;
    *it->second = column;
    return true;
}

nlohmann::json contentOptionsJson(const ImportOptions& options, TaskFormat format) {
    const FieldMapping& m = options.mapping;
    return {{"format", format == TaskFormat::Csv ? "csv" : "jsonl"},
            {"mapping",
             {{"id", m.id},
              {"category", m.category},
              {"prompt", m.prompt},
              {"answer", m.answer},
              {"grader", m.grader},
              {"system", m.system}}},
            {"default_grader", toJson(options.defaultGrader)}};
}

std::string badLinesMessage(const std::string& fileName, size_t badLines) {
    return fileName + ": " + std::to_string(badLines) +
           " bad line(s), nothing imported; fix them, or pass --skip-bad to import the rest";
}

std::vector<Diagnostic> skippedWarnings(std::vector<Diagnostic> problems) {
    for (auto& p : problems) {
        p.severity = Severity::Warning;
        p.message = "skipped: " + p.message;
    }
    return problems;
}

Result<ImportedTasks> parseTasks(const std::string& text, const std::string& fileName, const ImportOptions& options) {
    auto reader = TaskItemReader::fromText(text, fileName, options.format, options.mapping);
    if (!reader) return std::unexpected(reader.error());
    return collect(**reader, options, {});
}

Result<ImportedTasks> importTasks(const std::string& path, const ImportOptions& options, std::stop_token stop) {
    auto reader = TaskItemReader::fromFile(path, options.format, options.mapping);
    if (!reader) return std::unexpected(reader.error());
    return collect(**reader, options, stop);
}

} // namespace baton::core
