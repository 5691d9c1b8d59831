// SPDX-License-Identifier: MIT
#pragma once
/// A run's report as tables and a self-contained HTML page: the comparison, the paired tests,
/// categories, spend by role, the pool's makeup and where each price came from, and the charts.
/// The same tables feed the XLSX export (io/xlsx_tables.h), so the GUI and the CLI share them.

#include "eval/run_report.h"
#include "io/html_report.h"
#include "io/report_table.h"
#include "model/run.h"

#include <vector>

namespace baton::core {

std::vector<ReportTable> reportTables(const RunReport& report, const Run& run);
HtmlDocument reportHtmlDocument(const RunReport& report, const Run& run);

} // namespace baton::core
