// SPDX-License-Identifier: MIT
#include "io/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace baton::core {

namespace {

constexpr double kWidth = 720, kHeight = 420, kLeft = 70, kRight = 200, kTop = 40, kBottom = 60;
const char* const kPalette[] = {"#2f5d8a", "#e8833a", "#4e9f6b", "#c44e52", "#8172b2", "#937860",
                                "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd"};

std::string num(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", v);
    return buffer;
}

std::string tickLabel(double v) {
    char buffer[32];
    if (v != 0 && (std::fabs(v) < 0.01 || std::fabs(v) >= 1e5))
        std::snprintf(buffer, sizeof buffer, "%.3g", v);
    else
        std::snprintf(buffer, sizeof buffer, "%.4g", v);
    return buffer;
}

std::string header(const std::string& title) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth) + "\" height=\"" + num(kHeight) +
           "\" viewBox=\"0 0 " + num(kWidth) + " " + num(kHeight) +
           "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
           "<text x=\"" + num(kWidth / 2) + "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">" +
           xmlEscape(title) + "</text>\n";
}

std::string axes(const std::string& xTitle, const std::string& yTitle) {
    double x1 = kWidth - kRight, y1 = kHeight - kBottom;
    return "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x1) + "\" y2=\"" + num(y1) +
           "\" stroke=\"#333\"/>\n<line x1=\"" + num(kLeft) + "\" y1=\"" + num(kTop) + "\" x2=\"" + num(kLeft) +
           "\" y2=\"" + num(y1) + "\" stroke=\"#333\"/>\n<text x=\"" + num((kLeft + x1) / 2) + "\" y=\"" +
           num(kHeight - 18) + "\" text-anchor=\"middle\">" + xmlEscape(xTitle) + "</text>\n<text x=\"18\" y=\"" +
           num((kTop + y1) / 2) + "\" text-anchor=\"middle\" transform=\"rotate(-90 18 " + num((kTop + y1) / 2) +
           ")\">" + xmlEscape(yTitle) + "</text>\n";
}

struct Axis {
    double lo = 0, hi = 1;
    bool log = false;
    double from = 0, to = 1; // pixels
    double map(double v) const {
        double a = log ? std::log10(std::max(v, 1e-12)) : v;
        double l = log ? std::log10(lo) : lo, h = log ? std::log10(hi) : hi;
        return from + (h > l ? (a - l) / (h - l) : 0.5) * (to - from);
    }
    std::vector<double> ticks() const {
        std::vector<double> out;
        if (log) {
            for (double p = std::floor(std::log10(lo)); p <= std::ceil(std::log10(hi)); ++p)
                if (double v = std::pow(10.0, p); v >= lo * 0.999 && v <= hi * 1.001) out.push_back(v);
            if (out.size() < 2) out = {lo, hi};
            return out;
        }
        for (int i = 0; i <= 5; ++i)
            out.push_back(lo + (hi - lo) * i / 5);
        return out;
    }
};

Axis fitAxis(std::vector<double> values, bool log, double from, double to) {
    Axis axis{0, 1, log, from, to};
    if (log) values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !(v > 0); }), values.end());
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
    if (values.empty()) {
        if (log) axis.lo = 1e-3;
        return axis;
    }
    auto [mn, mx] = std::minmax_element(values.begin(), values.end());
    if (log) {
        axis.lo = *mn / 1.5;
        axis.hi = *mx * 1.5;
    } else {
        double pad = (*mx - *mn) * 0.08;
        if (pad == 0) pad = std::max(std::fabs(*mx) * 0.1, 0.05);
        axis.lo = *mn - pad;
        axis.hi = *mx + pad;
    }
    return axis;
}

} // namespace

std::string xmlEscape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
            if (c < 0x20 && c != '\n' && c != '\t') out += "\xEF\xBF\xBD";
            else out += char(c);
        }
    }
    return out;
}

std::string toSvg(const ScatterChart& chart) {
    std::vector<double> xs, ys;
    for (const auto* set : {&chart.points, &chart.line})
        for (const auto& p : *set) {
            xs.push_back(p.x);
            ys.push_back(p.y);
        }
    Axis x = fitAxis(xs, chart.logX, kLeft, kWidth - kRight);
    Axis y = fitAxis(ys, false, kHeight - kBottom, kTop);
    std::string svg = header(chart.title) + axes(chart.xTitle, chart.yTitle);
    for (double t : x.ticks())
        svg += "<text x=\"" + num(x.map(t)) + "\" y=\"" + num(kHeight - kBottom + 16) + "\" text-anchor=\"middle\">" +
               tickLabel(t) + "</text>\n";
    for (double t : y.ticks())
        svg += "<text x=\"" + num(kLeft - 6) + "\" y=\"" + num(y.map(t) + 4) + "\" text-anchor=\"end\">" +
               tickLabel(t) + "</text>\n<line x1=\"" + num(kLeft) + "\" y1=\"" + num(y.map(t)) + "\" x2=\"" +
               num(kWidth - kRight) + "\" y2=\"" + num(y.map(t)) + "\" stroke=\"#e4e4e4\"/>\n";
    if (chart.line.size() > 1) {
        svg += "<polyline fill=\"none\" stroke=\"#4e9f6b\" stroke-width=\"2\" stroke-dasharray=\"6 3\" points=\"";
        for (size_t i = 0; i < chart.line.size(); ++i)
            svg += (i ? " " : "") + num(x.map(chart.line[i].x)) + "," + num(y.map(chart.line[i].y));
        svg += "\"/>\n";
    }
    for (const auto& p : chart.points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || (chart.logX && p.x <= 0)) continue;
        const char* colour = p.highlight ? kPalette[1] : kPalette[0];
        svg += "<circle cx=\"" + num(x.map(p.x)) + "\" cy=\"" + num(y.map(p.y)) + "\" r=\"5\" fill=\"" + colour +
               "\"><title>" + xmlEscape(p.label) + ": " + tickLabel(p.x) + ", " + tickLabel(p.y) +
               "</title></circle>\n<text x=\"" + num(x.map(p.x) + 7) + "\" y=\"" + num(y.map(p.y) - 6) +
               "\" font-size=\"11\">" + xmlEscape(p.label) + "</text>\n";
    }
    double legendY = kTop + 10;
    auto legend = [&](const char* colour, const std::string& text) {
        svg += "<rect x=\"" + num(kWidth - kRight + 16) + "\" y=\"" + num(legendY - 9) +
               "\" width=\"10\" height=\"10\" fill=\"" + colour + "\"/>\n<text x=\"" + num(kWidth - kRight + 32) +
               "\" y=\"" + num(legendY) + "\">" + xmlEscape(text) + "</text>\n";
        legendY += 18;
    };
    legend(kPalette[0], "single model");
    legend(kPalette[1], "strategy");
    if (chart.line.size() > 1) legend("#4e9f6b", chart.lineLabel);
    return svg + "</svg>\n";
}

std::string toSvg(const BarChart& chart) {
    Axis y{chart.yMin, chart.yMax, false, kHeight - kBottom, kTop};
    std::string svg = header(chart.title) + axes("", chart.yTitle);
    for (double t : y.ticks())
        svg += "<text x=\"" + num(kLeft - 6) + "\" y=\"" + num(y.map(t) + 4) + "\" text-anchor=\"end\">" +
               tickLabel(t) + "</text>\n<line x1=\"" + num(kLeft) + "\" y1=\"" + num(y.map(t)) + "\" x2=\"" +
               num(kWidth - kRight) + "\" y2=\"" + num(y.map(t)) + "\" stroke=\"#e4e4e4\"/>\n";
    double plot = kWidth - kRight - kLeft;
    double group = chart.categories.empty() ? plot : plot / double(chart.categories.size());
    double bar = chart.series.empty() ? 0 : group * 0.8 / double(chart.series.size());
    for (size_t c = 0; c < chart.categories.size(); ++c) {
        double gx = kLeft + group * double(c);
        svg += "<text x=\"" + num(gx + group / 2) + "\" y=\"" + num(kHeight - kBottom + 16) +
               "\" text-anchor=\"middle\" font-size=\"11\">" + xmlEscape(chart.categories[c]) + "</text>\n";
        for (size_t s = 0; s < chart.series.size(); ++s) {
            const auto& values = chart.series[s].values;
            if (c >= values.size() || !std::isfinite(values[c])) continue;
            double v = std::clamp(values[c], chart.yMin, chart.yMax);
            double top = y.map(v), base = y.map(chart.yMin);
            svg += "<rect x=\"" + num(gx + group * 0.1 + bar * double(s)) + "\" y=\"" + num(top) + "\" width=\"" +
                   num(bar) + "\" height=\"" + num(base - top) + "\" fill=\"" + kPalette[s % 10] + "\"><title>" +
                   xmlEscape(chart.series[s].name) + ", " + xmlEscape(chart.categories[c]) + ": " + tickLabel(values[c]) +
                   "</title></rect>\n";
        }
    }
    double legendY = kTop + 10;
    for (size_t s = 0; s < chart.series.size(); ++s, legendY += 18)
        svg += "<rect x=\"" + num(kWidth - kRight + 16) + "\" y=\"" + num(legendY - 9) +
               "\" width=\"10\" height=\"10\" fill=\"" + kPalette[s % 10] + "\"/>\n<text x=\"" +
               num(kWidth - kRight + 32) + "\" y=\"" + num(legendY) + "\">" + xmlEscape(chart.series[s].name) +
               "</text>\n";
    return svg + "</svg>\n";
}

namespace {

/// About a fifth of [lo, hi], rounded to 1, 2 or 5 times a power of ten; 0 for an empty range.
double niceStep(double lo, double hi) {
    double raw = (hi - lo) / 5;
    if (!(raw > 0) || !std::isfinite(raw)) return 0;
    double power = std::pow(10.0, std::floor(std::log10(raw)));
    double f = raw / power;
    return power * (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10);
}

} // namespace

std::string toSvg(const CurveChart& chart) {
    // The legend goes under the plot, one entry a line, so that long model names stay whole.
    constexpr double width = 1000, left = 70, right = 30, top = 40, plotBottom = 480, legendTop = 545;
    double entries = 0;
    for (const auto& s : chart.series)
        entries += s.legend;
    const double height = legendTop + 18 * entries + 6;
    // Ticks on round steps, the axis ending on one.
    auto niceAxis = [](double lo, double hi, double from, double to) {
        double step = niceStep(lo, hi);
        return Axis{lo, step > 0 ? lo + std::ceil((hi - lo) / step - 1e-9) * step : hi, false, from, to};
    };
    Axis x = niceAxis(chart.xMin, chart.xMax, left, width - right);
    Axis y = niceAxis(chart.yMin, chart.yMax, plotBottom, top);
    auto inside = [&](const ScatterPoint& p) {
        return std::isfinite(p.x) && std::isfinite(p.y) && p.x >= x.lo && p.x <= x.hi && p.y >= y.lo && p.y <= y.hi;
    };
    auto ticks = [](const Axis& a) {
        std::vector<double> out;
        double step = niceStep(a.lo, a.hi);
        for (int k = 0; step > 0 && a.lo + k * step <= a.hi + step * 1e-9 && k <= 20; ++k)
            out.push_back(a.lo + k * step);
        return out;
    };
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width) + "\" height=\"" +
                      num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
                      "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" "
                      "fill=\"#ffffff\"/>\n<text x=\"" + num(width / 2) +
                      "\" y=\"22\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">" +
                      xmlEscape(chart.title) + "</text>\n";
    double x1 = width - right, y1 = plotBottom;
    svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x1) + "\" y2=\"" + num(y1) +
           "\" stroke=\"#333\"/>\n<line x1=\"" + num(left) + "\" y1=\"" + num(top) + "\" x2=\"" + num(left) +
           "\" y2=\"" + num(y1) + "\" stroke=\"#333\"/>\n<text x=\"" + num((left + x1) / 2) + "\" y=\"" +
           num(plotBottom + 38) + "\" text-anchor=\"middle\">" + xmlEscape(chart.xTitle) +
           "</text>\n<text x=\"18\" y=\"" +
           num((top + y1) / 2) + "\" text-anchor=\"middle\" transform=\"rotate(-90 18 " + num((top + y1) / 2) +
           ")\">" + xmlEscape(chart.yTitle) + "</text>\n";
    for (double t : ticks(x))
        svg += "<text x=\"" + num(x.map(t)) + "\" y=\"" + num(y1 + 16) + "\" text-anchor=\"middle\">" +
               tickLabel(t) + "</text>\n";
    for (double t : ticks(y))
        svg += "<text x=\"" + num(left - 6) + "\" y=\"" + num(y.map(t) + 4) + "\" text-anchor=\"end\">" +
               tickLabel(t) + "</text>\n<line x1=\"" + num(left) + "\" y1=\"" + num(y.map(t)) + "\" x2=\"" +
               num(x1) + "\" y2=\"" + num(y.map(t)) + "\" stroke=\"#e4e4e4\"/>\n";
    using Style = CurveChart::Series::Style;
    for (const auto& s : chart.series) {
        const std::string colour = xmlEscape(s.colour.empty() ? std::string(kPalette[0]) : s.colour);
        bool line = s.style == Style::Line || s.style == Style::DashedLine;
        if (line) {
            std::string points;
            for (const auto& p : s.points)
                if (inside(p)) points += (points.empty() ? "" : " ") + num(x.map(p.x)) + "," + num(y.map(p.y));
            svg += "<g><title>" + xmlEscape(s.name) + "</title><polyline fill=\"none\" stroke=\"" + colour +
                   "\" stroke-width=\"2\"" + (s.style == Style::DashedLine ? " stroke-dasharray=\"6 3\"" : "") +
                   " points=\"" + points + "\"/></g>\n";
        }
        for (const auto& p : s.points) {
            if (!inside(p)) continue;
            double px = x.map(p.x), py = y.map(p.y);
            std::string tip = "<title>" + xmlEscape(p.label.empty() ? s.name : p.label) + "</title>";
            if (line)
                svg += "<circle cx=\"" + num(px) + "\" cy=\"" + num(py) + "\" r=\"3\" fill=\"" + colour +
                       "\" fill-opacity=\"0\">" + tip + "</circle>\n";
            else if (s.style == Style::Square)
                svg += "<rect x=\"" + num(px - 5) + "\" y=\"" + num(py - 5) + "\" width=\"10\" height=\"10\" fill=\"" +
                       colour + "\">" + tip + "</rect>\n";
            else
                svg += "<circle cx=\"" + num(px) + "\" cy=\"" + num(py) + "\" r=\"5\" fill=\"" + colour + "\">" +
                       tip + "</circle>\n";
            if (s.labelled)
                svg += "<text x=\"" + num(px + 7) + "\" y=\"" + num(py - 6) + "\" font-size=\"11\">" +
                       xmlEscape(s.name) + "</text>\n";
        }
    }
    double legendY = legendTop + 10;
    for (const auto& s : chart.series) {
        if (!s.legend) continue;
        const std::string colour = xmlEscape(s.colour.empty() ? std::string(kPalette[0]) : s.colour);
        double lx = left;
        if (s.style == Style::Line || s.style == Style::DashedLine)
            svg += "<line x1=\"" + num(lx) + "\" y1=\"" + num(legendY - 4) + "\" x2=\"" + num(lx + 18) + "\" y2=\"" +
                   num(legendY - 4) + "\" stroke=\"" + colour + "\" stroke-width=\"2\"" +
                   (s.style == Style::DashedLine ? " stroke-dasharray=\"6 3\"" : "") + "/>\n";
        else
            svg += "<rect x=\"" + num(lx + 4) + "\" y=\"" + num(legendY - 9) + "\" width=\"10\" height=\"10\" fill=\"" +
                   colour + "\"/>\n";
        svg += "<text x=\"" + num(lx + 24) + "\" y=\"" + num(legendY) + "\">" + xmlEscape(s.name) + "</text>\n";
        legendY += 18;
    }
    return svg + "</svg>\n";
}

} // namespace baton::core
