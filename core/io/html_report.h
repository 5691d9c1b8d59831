// SPDX-License-Identifier: MIT
#pragma once
/// A self-contained HTML page: inline CSS, tables, inline SVG charts; no script, no external
/// asset, so it opens the same offline, in a mail attachment or in an archive years later.

#include "io/report_table.h"

#include <string>
#include <vector>

namespace baton::core {

struct HtmlSection {
    std::string heading;
    std::vector<std::string> paragraphs; ///< plain text, escaped when written
    std::vector<ReportTable> tables;
    std::vector<std::string> svgs; ///< inline SVG documents (from io/svg_chart.h)
};

struct HtmlDocument {
    std::string title;
    std::string subtitle;
    std::vector<HtmlSection> sections;
};

std::string toHtml(const HtmlDocument& document);

} // namespace baton::core
