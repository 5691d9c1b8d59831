// SPDX-License-Identifier: MIT
#pragma once
/// TextTable: a table as text, exactly as shown (header + rows of cells), and its CSV form
/// (RFC 4180: fields with a comma, quote or line break quoted, quotes doubled). The workbench
/// exports what it shows through this, so a file never says less than the screen. Pure.

#include <string>
#include <vector>

namespace baton::core {

struct TextTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

std::string toCsv(const TextTable& table);
/// Parses CSV written by toCsv (for tests and round trips); malformed quoting ends the field.
TextTable parseCsvTable(const std::string& text);

} // namespace baton::core
