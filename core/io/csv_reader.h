// SPDX-License-Identifier: MIT
#pragma once
/// RFC 4180 CSV: quoted fields with embedded commas, quotes ("") and newlines. Each record keeps
/// the line it starts on, so that import errors can point at it.

#include "util/result.h"

#include <string>
#include <vector>

namespace baton::core {

struct CsvRecord {
    size_t line = 0; ///< 1-based line where the record starts
    std::vector<std::string> fields;
};

/// Errors: BadInput for an unterminated quote (with the line it opened on).
Result<std::vector<CsvRecord>> parseCsv(const std::string& text, const std::string& fileName, char separator = ',');

} // namespace baton::core
