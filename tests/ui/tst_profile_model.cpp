// SPDX-License-Identifier: MIT
// ProfileModel: models x categories with the accuracy, a heat colour and a tooltip with the CI;
// runs under QAbstractItemModelTester; CSV export keeps unknown costs empty, never 0.

#include "profile_model.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace baton;

class TestProfileModel : public QObject {
    Q_OBJECT
private slots:
    void heatMapCells() {
        ui::ProfileModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<core::ProfileCell> cells(4);
        cells[0] = {"a", "x", 10, 0.8, {0.49, 0.94}, 0.002, 120};
        cells[1] = {"a", "y", 0, NAN, {}, NAN, NAN};
        cells[2] = {"b", "x", 10, 0.3, {0.11, 0.6}, NAN, NAN};
        cells[3] = {"b", "y", 4, 1.0, {0.51, 1.0}, 0.01, NAN};
        model.setResult(cells);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QString("y"));
        QCOMPARE(model.headerData(1, Qt::Vertical).toString(), QString("b"));
        QCOMPARE(model.index(0, 0).data().toString(), QString("0.800"));
        QCOMPARE(model.index(0, 1).data().toString(), QString("-"));
        QCOMPARE(model.index(0, 1).data(ui::ProfileModel::SortRole).toDouble(), -1.0);
        QCOMPARE(model.index(1, 1).data(ui::ProfileModel::SortRole).toDouble(), 1.0);
        QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains("95% CI 0.490 to 0.940"));
        QVERIFY(model.index(1, 0).data(Qt::ToolTipRole).toString().contains("cost per item unknown"));
        auto hot = model.index(1, 1).data(Qt::BackgroundRole).value<QColor>();
        auto cold = model.index(1, 0).data(Qt::BackgroundRole).value<QColor>();
        QVERIFY(hot.hueF() > cold.hueF()); // greener when more accurate
        QString csv = model.toCsv();
        QVERIFY(csv.contains("\nb,x,10,0.300000,0.110000,0.600000,,\n"));
        QVERIFY(csv.contains("\na,y,0,,,,,\n"));
    }
};

QTEST_MAIN(TestProfileModel)
#include "tst_profile_model.moc"
