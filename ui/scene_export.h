// SPDX-License-Identifier: MIT
#pragma once
// The one way a drawing is written to PNG, SVG or PDF (charts, profile tables, routing graphs,
// call timelines): drawn at a fixed size whatever the window's, white background; the suffix
// picks the format.

#include <QSize>
#include <QString>
#include <functional>

class QChart;
class QGraphicsScene;
class QPainter;
class QRectF;

namespace baton::ui {

/// The size charts and tables are exported at: PNG pixels and the SVG's view box; a PDF (A4, in
/// the drawing's orientation) holds the same drawing scaled to fill its page.
inline constexpr QSize kExportSize(1600, 1000);

/// Draws into `target`, a rectangle of the export size, with `painter`.
using DrawFn = std::function<void(QPainter& painter, const QRectF& target)>;

/// Writes `draw` at `size` to `path` (.png, .svg or .pdf; any other suffix is refused with a
/// message). `title` (plain text) goes into the SVG's and PDF's metadata.
bool exportDrawing(const DrawFn& draw, QSize size, const QString& path, const QString& title = {},
                   QString* error = nullptr);

/// `chart` (taken over) laid out afresh at kExportSize and written to `path` as exportDrawing
/// does, its title as plain text: not the chart on screen, whose shape follows the window.
bool exportChartFile(QChart* chart, const QString& path, QString* error = nullptr);

/// The scene's items, scaled to fill the picture (at least 800 points wide); `written` gets the
/// path actually written (.png added when it had no known suffix).
bool exportScene(QGraphicsScene& scene, const QString& path, QString* error = nullptr, QString* written = nullptr);

} // namespace baton::ui
