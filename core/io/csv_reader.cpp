// SPDX-License-Identifier: MIT
#include "io/csv_reader.h"

namespace baton::core {

Result<std::vector<CsvRecord>> parseCsv(const std::string& text, const std::string& fileName, char separator) {
    std::vector<CsvRecord> records;
    CsvRecord record{1, {}};
    std::string field;
    bool quoted = false, fieldStarted = false;
    size_t line = 1, quoteLine = 0;
    size_t start = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0; // skip a UTF-8 byte-order mark

    auto endRecord = [&] {
        record.fields.push_back(std::move(field));
        field.clear();
        fieldStarted = false;
        bool blank = record.fields.size() == 1 && record.fields[0].empty();
        if (!blank) records.push_back(std::move(record));
        record = CsvRecord{line + 1, {}};
    };

    for (size_t i = start; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += '"', ++i;
            else if (c == '"')
                quoted = false;
            else {
                if (c == '\n') ++line;
                field += c;
            }
        } else if (c == '"' && !fieldStarted) {
            quoted = true, fieldStarted = true, quoteLine = line;
        } else if (c == separator) {
            record.fields.push_back(std::move(field));
            field.clear();
            fieldStarted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        } else if (c == '\n') {
            endRecord();
            ++line;
        } else {
            field += c, fieldStarted = true;
        }
    }
    if (quoted)
        return fail(ErrorKind::BadInput, fileName + ":" + std::to_string(quoteLine) +
                                             ": a quoted field is never closed; add the missing \"");
    if (fieldStarted || !field.empty() || !record.fields.empty()) endRecord();
    return records;
}

} // namespace baton::core
