// SPDX-License-Identifier: MIT
#include "theme.h"
#include "settings.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace baton::ui {
namespace {

/// What the desktop gave at start, to go back to.
struct Desktop {
    QPalette palette;
    QString style;
};
Desktop& desktop() {
    static Desktop d;
    return d;
}

/// Bumped on every change of theme: a chart painted under an older one is styled again.
int& generation() {
    static int g = 0;
    return g;
}
constexpr const char* kStyledAt = "batonThemeGeneration";

QPalette darkPalette() {
    QPalette p;
    const QColor window("#2b2b2b"), base("#1f1f1f"), text("#e6e6e6"), button("#353535"), dim("#8c8c8c");
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor("#2a2a2a"));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor("#ff6b6b"));
    p.setColor(QPalette::Highlight, QColor("#3d7fd6"));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor("#3a3a3a"));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, dim);
    p.setColor(QPalette::Link, QColor("#7ab8ff"));
    p.setColor(QPalette::LinkVisited, QColor("#b39ddb"));
    p.setColor(QPalette::Light, QColor("#4a4a4a"));
    p.setColor(QPalette::Midlight, QColor("#3e3e3e"));
    p.setColor(QPalette::Mid, QColor("#5a5a5a"));
    p.setColor(QPalette::Dark, QColor("#181818"));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, dim);
    return p;
}

void styleAllCharts() {
    for (QWidget* widget : QApplication::allWidgets())
        if (auto* view = qobject_cast<QChartView*>(widget); view && view->chart()) {
            Theme::styleChart(view->chart());
            view->chart()->setProperty(kStyledAt, generation());
        }
}

} // namespace

void Theme::install(QApplication& app) {
    desktop() = {QApplication::palette(), app.style()->name()};
    static Theme* filter = new Theme(&app);
    app.installEventFilter(filter);
    if (chosen() != ThemeChoice::Desktop) choose(chosen());
}

ThemeChoice Theme::chosen() {
    int v = settings::theme.get();
    return v == int(ThemeChoice::Light) || v == int(ThemeChoice::Dark) ? ThemeChoice(v) : ThemeChoice::Desktop;
}

QString Theme::name(ThemeChoice choice) {
    switch (choice) {
    case ThemeChoice::Desktop: return QObject::tr("Follow the desktop");
    case ThemeChoice::Light: return QObject::tr("Light");
    case ThemeChoice::Dark: return QObject::tr("Dark");
    }
    return {};
}

void Theme::choose(ThemeChoice choice) {
    settings::theme.set(int(choice));
    if (choice == ThemeChoice::Desktop) {
        if (!desktop().style.isEmpty()) QApplication::setStyle(QStyleFactory::create(desktop().style));
        QApplication::setPalette(desktop().palette);
    } else {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(choice == ThemeChoice::Dark ? darkPalette() : QApplication::style()->standardPalette());
    }
    ++generation();
    styleAllCharts();
}

bool Theme::dark() {
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}

void Theme::styleChart(QChart* chart) {
    if (!chart) return;
    const QPalette p = QApplication::palette();
    const QColor text = p.color(QPalette::Text), grid = dark() ? QColor("#4a4a4a") : QColor("#d9d9d9");
    chart->setBackgroundBrush(p.color(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(p.color(QPalette::Mid));
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid.lighter(dark() ? 80 : 110));
    }
}

bool Theme::eventFilter(QObject* watched, QEvent* event) {
    // A chart is styled when its view first paints it (charts are built in many places and set
    // into views again and again) and once more after each change of theme.
    if (event->type() == QEvent::Paint)
        if (auto* view = qobject_cast<QChartView*>(watched->parent()); view && view->chart())
            if (view->chart()->property(kStyledAt) != QVariant(generation())) {
                styleChart(view->chart());
                view->chart()->setProperty(kStyledAt, generation());
            }
    return false;
}

} // namespace baton::ui
