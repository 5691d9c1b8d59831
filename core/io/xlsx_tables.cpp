// SPDX-License-Identifier: MIT
#include "io/xlsx_tables.h"
#include "util/file_io.h"
#include "util/temp_files.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <xlsxwriter.h>

namespace baton::core {

namespace {

// Excel's rules for sheet names: at most 31 characters, none of []:*?/\ , unique.
std::string sheetName(const std::string& wanted, std::set<std::string>& used) {
    std::string name;
    for (char c : wanted)
        name += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '_';
    if (name.empty()) name = "table";
    name = name.substr(0, 28);
    std::string unique = name;
    for (int i = 2; used.count(unique); ++i)
        unique = name + "_" + std::to_string(i);
    used.insert(unique);
    return unique;
}

} // namespace

Status writeXlsx(const std::string& path, const std::vector<ReportTable>& tables) {
    if (auto target = outputTarget(path); !target || *target == OutputTarget::Stream)
        return target ? fail(ErrorKind::BadInput,
                             path + ": is a device or pipe; a workbook is written to a file, name one")
                      : std::unexpected(target.error());
    std::string temporary = path + ".part";
    SignalledTemporary removedOnSignal(temporary); // SIGTERM mid-write left NAME.part
    lxw_workbook* book = workbook_new(temporary.c_str());
    if (!book) return fail(ErrorKind::Io, path + ": cannot create the workbook; check the folder exists and is writable");
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    std::set<std::string> used;
    for (const auto& t : tables) {
        lxw_worksheet* sheet = workbook_add_worksheet(book, sheetName(t.name, used).c_str());
        lxw_row_t row = 0;
        if (!t.title.empty()) worksheet_write_string(sheet, row++, 0, t.title.c_str(), bold);
        if (!t.note.empty()) worksheet_write_string(sheet, row++, 0, t.note.c_str(), nullptr);
        if (row) ++row;
        for (size_t c = 0; c < t.headers.size(); ++c)
            worksheet_write_string(sheet, row, lxw_col_t(c), t.headers[c].c_str(), bold);
        worksheet_freeze_panes(sheet, row + 1, 0);
        ++row;
        std::vector<size_t> widths(t.headers.size(), 8);
        for (size_t c = 0; c < t.headers.size(); ++c)
            widths[c] = std::max(widths[c], t.headers[c].size());
        for (const auto& r : t.rows) {
            for (size_t c = 0; c < r.size(); ++c) {
                if (r[c].number && std::isfinite(*r[c].number)) worksheet_write_number(sheet, row, lxw_col_t(c), *r[c].number, nullptr);
                else if (!r[c].text.empty()) worksheet_write_string(sheet, row, lxw_col_t(c), r[c].text.c_str(), nullptr);
                if (c < widths.size()) widths[c] = std::max(widths[c], std::min<size_t>(r[c].text.size(), 60));
            }
            ++row;
        }
        for (size_t c = 0; c < widths.size(); ++c)
            worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), double(widths[c]) + 2, nullptr);
    }
    lxw_error error = workbook_close(book);
    if (error != LXW_NO_ERROR) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        return fail(ErrorKind::Io, path + ": cannot write the workbook (" + lxw_strerror(error) + ")");
    }
    std::error_code moved;
    std::filesystem::rename(temporary, path, moved);
    if (moved) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        return fail(ErrorKind::Io, path + ": cannot move the finished workbook into place: " + moved.message());
    }
    return {};
}

} // namespace baton::core
