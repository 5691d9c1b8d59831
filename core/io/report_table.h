// SPDX-License-Identifier: MIT
#pragma once
/// ReportTable: a titled table of typed cells, the unit the HTML and XLSX writers share. Numbers
/// stay numbers (so a spreadsheet can sum them) and carry the text they are shown with.

#include <optional>
#include <string>
#include <vector>

namespace baton::core {

struct ReportCell {
    std::string text;              ///< as shown ("0.853", "$1.24", "unknown")
    std::optional<double> number;  ///< the value behind it, when it is a number
    static ReportCell of(std::string text) { return {std::move(text), std::nullopt}; }
    static ReportCell of(double value, std::string text) { return {std::move(text), value}; }
};

struct ReportTable {
    std::string name;  ///< short, used as a sheet name ("strategies")
    std::string title; ///< a heading for people
    std::string note;  ///< one paragraph under the heading, optional
    std::vector<std::string> headers;
    std::vector<std::vector<ReportCell>> rows;
};

} // namespace baton::core
