// SPDX-License-Identifier: MIT
#include "io/text_table.h"

namespace baton::core {
namespace {

void appendField(std::string& out, const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s)
        c == '"' ? out += "\"\"" : out += c;
    out += '"';
}

void appendLine(std::string& out, const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        appendField(out, fields[i]);
    }
    out += '\n';
}

} // namespace

std::string toCsv(const TextTable& table) {
    std::string out;
    appendLine(out, table.header);
    for (const auto& row : table.rows)
        appendLine(out, row);
    return out;
}

TextTable parseCsvTable(const std::string& text) {
    std::vector<std::vector<std::string>> lines(1);
    std::string field;
    bool quoted = false, any = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            lines.back().push_back(std::move(field)), field.clear();
        } else if (c == '\n') {
            lines.back().push_back(std::move(field)), field.clear();
            lines.emplace_back();
        } else if (c != '\r') {
            field += c;
        }
        any = true;
    }
    if (!field.empty() || (!lines.back().empty())) lines.back().push_back(std::move(field));
    if (lines.back().empty()) lines.pop_back();
    TextTable table;
    if (!any || lines.empty()) return table;
    table.header = std::move(lines.front());
    table.rows.assign(std::make_move_iterator(lines.begin() + 1), std::make_move_iterator(lines.end()));
    return table;
}

} // namespace baton::core
