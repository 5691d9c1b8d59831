// SPDX-License-Identifier: MIT
#include "io/html_report.h"

#include "io/svg_chart.h"

namespace baton::core {

namespace {

const char* const kStyle = R"(body{font-family:sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}
h3{font-size:1.05em}.sub{color:#555;margin-top:0}
table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.9em}
th,td{border:1px solid #d0d0d0;padding:.25em .6em;text-align:left}th{background:#eef2f6}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr:nth-child(even) td{background:#fafafa}
.chart{margin:.6em 0}.note{color:#555;font-size:.9em}
)";

// An SVG written by io/svg_chart starts with "<svg "; anything before it (an XML prolog) is dropped.
std::string inlineSvg(const std::string& svg) {
    size_t at = svg.find("<svg");
    return at == std::string::npos ? std::string() : svg.substr(at);
}

std::string table(const ReportTable& t) {
    std::string html = "<h3>" + xmlEscape(t.title) + "</h3>\n";
    if (!t.note.empty()) html += "<p class=\"note\">" + xmlEscape(t.note) + "</p>\n";
    html += "<table>\n<tr>";
    for (const auto& h : t.headers)
        html += "<th>" + xmlEscape(h) + "</th>";
    html += "</tr>\n";
    for (const auto& row : t.rows) {
        html += "<tr>";
        for (const auto& cell : row)
            html += (cell.number ? "<td class=\"n\">" : "<td>") + xmlEscape(cell.text) + "</td>";
        html += "</tr>\n";
    }
    return html + "</table>\n";
}

} // namespace

std::string toHtml(const HtmlDocument& d) {
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                       xmlEscape(d.title) + "</title>\n<style>\n" + kStyle + "</style>\n</head>\n<body>\n<h1>" +
                       xmlEscape(d.title) + "</h1>\n";
    if (!d.subtitle.empty()) html += "<p class=\"sub\">" + xmlEscape(d.subtitle) + "</p>\n";
    for (const auto& s : d.sections) {
        html += "<h2>" + xmlEscape(s.heading) + "</h2>\n";
        for (const auto& p : s.paragraphs)
            html += "<p>" + xmlEscape(p) + "</p>\n";
        for (const auto& svg : s.svgs)
            html += "<div class=\"chart\">" + inlineSvg(svg) + "</div>\n";
        for (const auto& t : s.tables)
            html += table(t);
    }
    return html + "</body>\n</html>\n";
}

} // namespace baton::core
