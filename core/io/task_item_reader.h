// SPDX-License-Identifier: MIT
#pragma once
/// TaskItemReader: a task file's items one at a time (JSONL line by line, CSV record by record),
/// each checked on its own (fields, prompt, reference); what needs the whole set (duplicate ids,
/// "nothing to import") is its caller's. The in-memory import and the streaming import into a
/// workspace both read through it.

#include "io/csv_reader.h"
#include "io/task_import.h"
#include "model/task_set.h"

#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace baton::core {

/// One non-blank line (JSONL) or record (CSV): an item, or why it is bad.
struct ReadItem {
    size_t line = 0;     ///< 1-based, where the record starts
    TaskItem item;       ///< valid when problem is empty
    std::string problem; ///< "" for a good item
};

/// Auto resolved by the extension. Errors: BadInput when the extension says nothing.
Result<TaskFormat> resolveFormat(const std::string& fileName, TaskFormat format);

/// The problem reported for a repeated id, the same from every importer.
std::string duplicateIdProblem(const std::string& id, size_t firstLine);

class TaskItemReader {
public:
    /// Reads `text`, which must outlive the reader. Errors: format, CSV header.
    static Result<std::unique_ptr<TaskItemReader>> fromText(std::string_view text, const std::string& fileName,
                                                            TaskFormat format, const FieldMapping& mapping);
    /// Reads the file: JSONL from disk line by line (never held whole), CSV from its text.
    /// Errors: NotFound/Io for the file, as fromText.
    static Result<std::unique_ptr<TaskItemReader>> fromFile(const std::string& path, TaskFormat format,
                                                            const FieldMapping& mapping);

    /// The next item or bad line into `out`; false at the end. Errors: what stops the whole
    /// file (a CSV quote never closed, a read error).
    Result<bool> next(ReadItem& out);
    const std::string& fileName() const { return m_fileName; }

private:
    TaskItemReader(std::string fileName, TaskFormat format, const FieldMapping& mapping)
        : m_fileName(std::move(fileName)), m_format(format), m_mapping(mapping) {}
    Status readCsvHeader();
    bool nextLine(std::string& line);
    void readJsonl(const std::string& row, ReadItem& out);
    void readCsv(ReadItem& out);
    void check(ReadItem& out);

    std::string m_fileName;
    TaskFormat m_format;
    FieldMapping m_mapping;
    size_t m_ordinal = 0; ///< non-blank records so far: the id of an item without one
    // JSONL: from a file or from text
    std::unique_ptr<std::ifstream> m_file;
    std::string_view m_text;
    size_t m_pos = 0, m_line = 0;
    std::string m_row;
    // CSV: the file's text (when read from disk), the cursor and the header's columns
    std::string m_ownedText;
    std::optional<CsvCursor> m_csv;
    CsvRecord m_record;
    std::vector<std::string> m_header;
    std::optional<size_t> m_prompt, m_answer, m_id, m_category, m_system;
};

} // namespace baton::core
