// SPDX-License-Identifier: MIT
#pragma once
// Theme: light or dark, following the desktop unless the user chose one (View > Theme,
// remembered). The desktop's palette is what the platform gave at start; Light and Dark are
// Fusion with a light or a dark palette. Every chart follows the palette in use: its background,
// titles, legend, axes and grid take the palette's colours when the chart is first painted and
// again after a change of theme; its series keep their own colours (roles, strategies). The
// drawn routing tree, timeline and cost bars stay on white paper, as they are exported.

#include <QObject>
#include <QString>

class QApplication;
class QChart;

namespace baton::ui {

enum class ThemeChoice { Desktop, Light, Dark };

class Theme : public QObject {
    Q_OBJECT
public:
    /// Keeps the desktop's palette, applies the remembered choice and styles every chart from
    /// then on. Once, after the QApplication is made.
    static void install(QApplication& app);
    static ThemeChoice chosen();
    /// Applies `choice` to the whole application (charts included) and remembers it.
    static void choose(ThemeChoice choice);
    /// True when the palette in use is dark (its window colour is).
    static bool dark();
    /// Gives `chart`'s background, texts, axes and grid the colours of the palette in use.
    static void styleChart(QChart* chart);

    static QString name(ThemeChoice choice);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    using QObject::QObject;
};

} // namespace baton::ui
