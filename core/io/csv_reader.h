// SPDX-License-Identifier: MIT
#pragma once
/// RFC 4180 CSV: quoted fields with embedded commas, quotes ("") and newlines. Each record keeps
/// the line it starts on, so that import errors can point at it. CsvCursor reads one record at a
/// time into a record it reuses (no allocation per row once warm), for files of millions of rows;
/// parseCsv reads them all.

#include "util/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace baton::core {

struct CsvRecord {
    size_t line = 0; ///< 1-based line where the record starts
    std::vector<std::string> fields;
};

class CsvCursor {
public:
    /// `text` must outlive the cursor. A UTF-8 byte-order mark is skipped.
    CsvCursor(std::string_view text, std::string fileName, char separator = ',');
    /// The next record that is not blank, into `record` (its strings reused). False at the end.
    /// Errors: BadInput for an unterminated quote (with the line it opened on).
    Result<bool> next(CsvRecord& record);

private:
    std::string_view m_text;
    std::string m_fileName;
    char m_separator;
    size_t m_pos = 0, m_line = 1;
};

/// Errors: BadInput for an unterminated quote (with the line it opened on).
Result<std::vector<CsvRecord>> parseCsv(const std::string& text, const std::string& fileName, char separator = ',');

} // namespace baton::core
