// SPDX-License-Identifier: MIT
#pragma once
/// Charts as self-contained SVG text (no script, no external asset, no font file), for run
/// bundles and HTML reports. The output depends only on the input, byte for byte, so a chart can be
/// recomputed and compared. Qt-free, so the CLI and the workbench share it.

#include <string>
#include <vector>

namespace baton::core {

struct ScatterPoint {
    double x = 0, y = 0;
    std::string label;
    bool highlight = false; ///< drawn in the accent colour (e.g. a strategy rather than a baseline)
};

/// Points with labels, and an optional polyline through `line` (e.g. the cost-quality frontier).
struct ScatterChart {
    std::string title, xTitle, yTitle;
    std::vector<ScatterPoint> points;
    std::vector<ScatterPoint> line;
    std::string lineLabel;
    bool logX = false; ///< costs span decades
};

/// Grouped vertical bars: one group per category, one bar per series, values in [yMin, yMax].
struct BarChart {
    std::string title, yTitle;
    std::vector<std::string> categories;
    struct Series {
        std::string name;
        std::vector<double> values; ///< one per category; NaN = no bar
    };
    std::vector<Series> series;
    double yMin = 0, yMax = 1;
};

/// Named series on linear axes: curves (solid or dashed) and points, each with a legend entry
/// (unless `legend` is off) and a tooltip per point (its `label`). The description of a chart that
/// both the CLI (as SVG, here) and the workbench (as a QChart, ui/) draw.
struct CurveChart {
    struct Series {
        enum class Style { Line, DashedLine, Point, Square } style = Style::Line;
        std::string name;   ///< the legend entry, and the text beside a labelled point
        std::string colour; ///< "#rrggbb"
        std::vector<ScatterPoint> points; ///< `label`: the point's tooltip
        bool legend = true;
        bool labelled = false; ///< the name is written beside each point
    };
    std::string title, xTitle, yTitle;
    std::vector<Series> series;
    double xMin = 0, xMax = 1, yMin = 0, yMax = 1;
};

std::string toSvg(const ScatterChart& chart);
std::string toSvg(const BarChart& chart);
/// 1000 pixels wide, the legend under the plot; points outside the ranges (the y range and the x
/// range rounded out to whole ticks) or not finite are left out.
std::string toSvg(const CurveChart& chart);

/// Escapes &, <, >, " and ' for XML text and attributes; control characters become U+FFFD.
std::string xmlEscape(const std::string& text);

} // namespace baton::core
