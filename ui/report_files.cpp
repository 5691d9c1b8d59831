// SPDX-License-Identifier: MIT
#include "report_files.h"
#include "bundle/report_document.h"
#include "io/html_report.h"
#include "io/xlsx_tables.h"
#include "util/file_io.h"

namespace baton::ui {

ReportFormat reportFormatOf(const QString& path) {
    return path.endsWith(".xlsx", Qt::CaseInsensitive) ? ReportFormat::Xlsx : ReportFormat::Html;
}

QString withReportSuffix(const QString& path, ReportFormat format) {
    if (format == ReportFormat::Xlsx) return path.endsWith(".xlsx", Qt::CaseInsensitive) ? path : path + ".xlsx";
    return path.endsWith(".html", Qt::CaseInsensitive) || path.endsWith(".htm", Qt::CaseInsensitive) ? path
                                                                                                     : path + ".html";
}

core::Status writeReportFile(const core::RunReport& report, const core::Run& run, const std::string& path,
                             ReportFormat format) {
    if (format == ReportFormat::Xlsx) return core::writeXlsx(path, core::reportTables(report, run));
    return core::writeFileAtomically(path, core::toHtml(core::reportHtmlDocument(report, run)));
}

} // namespace baton::ui
