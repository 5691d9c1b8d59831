// SPDX-License-Identifier: MIT
#pragma once
// Report files people share: a run's report written as the same self-contained HTML page and
// XLSX workbook that `baton-cli report RUN --html FILE --xlsx FILE` writes (core/bundle's
// reportHtmlDocument and reportTables). Plain functions: safe on a job runner's thread.

#include "eval/run_report.h"
#include "model/run.h"

#include <QString>

namespace baton::ui {

enum class ReportFormat { Html, Xlsx };

/// The format a file name asks for (".xlsx": Xlsx, anything else: Html), and the name with the
/// format's suffix added when it is missing.
ReportFormat reportFormatOf(const QString& path);
QString withReportSuffix(const QString& path, ReportFormat format);

/// Errors: Io naming the file (the previous file, if any, is left as it was for HTML).
core::Status writeReportFile(const core::RunReport& report, const core::Run& run, const std::string& path,
                             ReportFormat format);

} // namespace baton::ui
