// SPDX-License-Identifier: MIT
#pragma once
/// Tables as an XLSX workbook through libxlsxwriter: one sheet per table, a bold header row,
/// numbers as numbers. Errors: Io naming the file and libxlsxwriter's reason.

#include "io/report_table.h"
#include "util/result.h"

#include <string>
#include <vector>

namespace baton::core {

Status writeXlsx(const std::string& path, const std::vector<ReportTable>& tables);

} // namespace baton::core
