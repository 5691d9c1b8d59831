// SPDX-License-Identifier: MIT
#include "io/csv_reader.h"

namespace baton::core {

CsvCursor::CsvCursor(std::string_view text, std::string fileName, char separator)
    : m_text(text), m_fileName(std::move(fileName)), m_separator(separator) {
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") m_pos = 3; // a UTF-8 byte-order mark
}

Result<bool> CsvCursor::next(CsvRecord& record) {
    const std::string_view t = m_text;
    while (m_pos < t.size()) {
        record.line = m_line;
        size_t fields = 0;
        auto field = [&]() -> std::string& {
            if (fields == record.fields.size()) record.fields.emplace_back();
            std::string& f = record.fields[fields++];
            f.clear();
            return f;
        };
        bool endOfRecord = false;
        while (!endOfRecord) {
            std::string& f = field();
            if (m_pos < t.size() && t[m_pos] == '"') { // quoted: until the closing quote
                size_t quoteLine = m_line;
                ++m_pos;
                for (;;) {
                    size_t quote = t.find('"', m_pos);
                    if (quote == std::string_view::npos)
                        return fail(ErrorKind::BadInput, m_fileName + ":" + std::to_string(quoteLine) +
                                                             ": a quoted field is never closed; add the missing \"");
                    for (size_t i = m_pos; i < quote; ++i) m_line += t[i] == '\n';
                    f.append(t.substr(m_pos, quote - m_pos));
                    m_pos = quote + 1;
                    if (m_pos < t.size() && t[m_pos] == '"') { // "" is one quote
                        f += '"', ++m_pos;
                        continue;
                    }
                    break;
                }
            }
            // Unquoted (or what follows a closing quote): up to the separator or the line's end.
            size_t end = m_pos;
            while (end < t.size() && t[end] != m_separator && t[end] != '\n') ++end;
            size_t keep = end;
            if (keep > m_pos && t[keep - 1] == '\r' && (end == t.size() || t[end] == '\n')) --keep;
            f.append(t.substr(m_pos, keep - m_pos));
            m_pos = end;
            if (m_pos < t.size() && t[m_pos] == m_separator) {
                ++m_pos;
                continue;
            }
            endOfRecord = true;
            if (m_pos < t.size()) ++m_pos, ++m_line; // the '\n'
        }
        record.fields.resize(fields);
        bool blank = fields == 1 && record.fields[0].empty();
        if (!blank) return true;
    }
    return false;
}

Result<std::vector<CsvRecord>> parseCsv(const std::string& text, const std::string& fileName, char separator) {
    std::vector<CsvRecord> records;
    CsvCursor cursor(text, fileName, separator);
    CsvRecord record;
    for (;;) {
        auto more = cursor.next(record);
        if (!more) return std::unexpected(more.error());
        if (!*more) return records;
        records.push_back(record);
    }
}

} // namespace baton::core
