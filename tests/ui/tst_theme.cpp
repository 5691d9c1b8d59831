// SPDX-License-Identifier: MIT
// The theme: it follows the desktop (here a dark desktop palette set before the workbench
// starts), Light and Dark override it and are remembered, and every chart takes the palette's
// colours (background, axes, titles) when painted, also one built after the change, while its
// series keep their own colours.

#include "settings.h"
#include "theme.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QValueAxis>

using namespace baton;

namespace {

QChart* chartWithAxes() {
    auto* chart = new QChart;
    auto* series = new QLineSeries;
    series->append(0, 1);
    series->append(1, 2);
    series->setColor(QColor("#d62728"));
    chart->addSeries(series);
    chart->setTitle("t");
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setTitleText("x");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

bool darkColour(const QColor& c) {
    return c.lightness() < 128;
}

} // namespace

class TestTheme : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        // A dark desktop: what the platform theme would have given at start.
        QPalette desktop;
        desktop.setColor(QPalette::Window, QColor("#202020"));
        desktop.setColor(QPalette::Base, QColor("#101010"));
        desktop.setColor(QPalette::Text, QColor("#f0f0f0"));
        desktop.setColor(QPalette::WindowText, QColor("#f0f0f0"));
        QApplication::setPalette(desktop);
        ui::Theme::install(*qApp);
    }

    void followsTheDesktopUntilTheUserChooses() {
        QCOMPARE(ui::Theme::chosen(), ui::ThemeChoice::Desktop);
        QVERIFY(ui::Theme::dark());
        ui::Theme::choose(ui::ThemeChoice::Light);
        QVERIFY(!ui::Theme::dark());
        QCOMPARE(ui::Theme::chosen(), ui::ThemeChoice::Light); // remembered
        QCOMPARE(ui::settings::theme.get(), int(ui::ThemeChoice::Light));
        ui::Theme::choose(ui::ThemeChoice::Desktop);
        QVERIFY(ui::Theme::dark()); // the desktop's palette again
        ui::Theme::choose(ui::ThemeChoice::Dark);
        QVERIFY(ui::Theme::dark());
    }

    void chartsTakeThePaletteAndKeepTheirSeriesColours() {
        ui::Theme::choose(ui::ThemeChoice::Light);
        QChartView view(chartWithAxes());
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.grab(); // painted once
        QChart* chart = view.chart();
        QCOMPARE(chart->backgroundBrush().style(), Qt::SolidPattern); // styled when painted
        QVERIFY(!darkColour(chart->backgroundBrush().color()));
        QVERIFY(darkColour(chart->axes(Qt::Horizontal).first()->labelsColor()));

        ui::Theme::choose(ui::ThemeChoice::Dark); // a chart on screen follows at once
        QVERIFY(darkColour(chart->backgroundBrush().color()));
        QVERIFY(!darkColour(chart->axes(Qt::Horizontal).first()->labelsColor()));
        QVERIFY(!darkColour(chart->titleBrush().color()));
        QVERIFY(!darkColour(chart->axes(Qt::Horizontal).first()->titleBrush().color()));
        QCOMPARE(static_cast<QLineSeries*>(chart->series().first())->color(), QColor("#d62728"));

        // A chart built and set after the change is styled when it is first painted.
        QChart* old = view.chart();
        view.setChart(chartWithAxes());
        delete old;
        // Qt's own background is a gradient until the chart is styled (its colour() says nothing).
        QVERIFY(view.chart()->backgroundBrush().style() != Qt::SolidPattern);
        view.grab();
        QCOMPARE(view.chart()->backgroundBrush().style(), Qt::SolidPattern);
        QVERIFY(darkColour(view.chart()->backgroundBrush().color()));
        QCOMPARE(static_cast<QLineSeries*>(view.chart()->series().first())->color(), QColor("#d62728"));
        ui::Theme::choose(ui::ThemeChoice::Desktop);
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
