// SPDX-License-Identifier: MIT
#include "profiles_page.h"
#include "matrix/matrix_store.h"
#include "matrix/run_matrix.h"
#include "save_target.h"
#include "scene_export.h"
#include "store/run_store.h"
#include "util/file_io.h"
#include "workbench_session.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace baton::ui {

namespace {

struct Loaded {
    std::vector<core::ProfileCell> cells;
    QString error;
};

} // namespace

ProfilesPage::ProfilesPage(WorkbenchSession& session, QWidget* parent) : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_source = new QComboBox(this);
    m_source->setMinimumWidth(260);
    auto* refresh = new QPushButton(tr("Refresh"), this);
    auto* exportButton = new QPushButton(tr("Export..."), this);
    auto* cancel = new QPushButton(tr("Cancel"), this);
    cancel->setEnabled(false);
    bar->addWidget(new QLabel(tr("Matrix or run:"), this));
    bar->addWidget(m_source, 1);
    bar->addWidget(refresh);
    bar->addWidget(cancel);
    bar->addWidget(exportButton);
    layout->addLayout(bar);
    m_status = new QLabel(tr("Choose a matrix (baton-cli matrix import) or a run with baselines."), this);
    layout->addWidget(m_status);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(&m_model);
    m_sorted->setSortRole(ProfileModel::SortRole);
    m_view = new QTableView(this);
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_view, 1);

    connect(refresh, &QPushButton::clicked, this, &ProfilesPage::refreshSources);
    connect(m_source, &QComboBox::textActivated, this, [this](const QString&) {
        showSource(m_source->currentData().toString());
    });
    connect(cancel, &QPushButton::clicked, &m_runner, &JobRunner::cancel);
    connect(&m_runner, &JobRunner::busyChanged, cancel, &QPushButton::setEnabled);
    connect(&m_runner, &JobRunner::cancelled, this, [this] { m_status->setText(tr("Cancelled.")); });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        QString path = QFileDialog::getSaveFileName(
            this, tr("Export profile"), "profile.csv",
            tr("CSV (*.csv);;PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
        QString error;
        if (!path.isEmpty() && !exportTo(path, &error)) QMessageBox::warning(this, tr("Export failed"), error);
    });
    refreshSources();
}

void ProfilesPage::refreshSources() {
    m_source->clear();
    auto reader = m_session.reader();
    if (!reader) return m_status->setText(QString::fromStdString(reader.error().message));
    if (auto matrices = core::listMatrices(**reader))
        for (const auto& m : *matrices)
            m_source->addItem(tr("matrix %1 (%2 items x %3 models)").arg(QString::fromStdString(m.name)).arg(m.items).arg(m.models),
                              QString::fromStdString(m.name));
    if (auto runs = core::listRuns(**reader))
        for (auto it = runs->rbegin(); it != runs->rend(); ++it)
            m_source->addItem(tr("run %1 baselines").arg(it->id), QStringLiteral("run:%1").arg(it->id));
}

void ProfilesPage::showSource(const QString& selector) {
    m_status->setText(tr("Computing the profile of %1...").arg(selector));
    std::string path = m_session.path().toStdString(), which = selector.toStdString();
    m_runner.run<Loaded>(
        [path, which](std::stop_token stop, const JobRunner::Progress& progress) {
            Loaded out;
            // A connection of the job's own: SQLite connections are not shared across threads.
            auto db = core::SqliteDb::open(path, core::SqliteDb::Mode::ReadOnly);
            if (!db) return out.error = QString::fromStdString(db.error().message), out;
            auto m = which.rfind("run:", 0) == 0 ? core::matrixFromRun(**db, std::stoll(which.substr(4)))
                                                 : core::loadMatrix(**db, which);
            if (!m) return out.error = QString::fromStdString(m.error().message), out;
            progress(1, 2);
            if (stop.stop_requested()) return out;
            out.cells = core::capabilityProfile(*m);
            progress(2, 2);
            return out;
        },
        [this, selector](const Loaded& loaded) {
            if (!loaded.error.isEmpty()) return m_status->setText(loaded.error);
            m_model.setResult(loaded.cells);
            m_status->setText(tr("%1: %2 models x %3 categories. Hover a cell for its 95% interval, n, cost and "
                                 "latency; click a header to sort.")
                                  .arg(selector)
                                  .arg(m_model.rowCount())
                                  .arg(m_model.columnCount()));
            emit profileShown(selector);
        });
}

bool ProfilesPage::exportTo(const QString& path, QString* error) const {
    if (QString clash = workspaceClash(path, m_session.path()); !clash.isEmpty()) {
        if (error) *error = clash;
        return false;
    }
    if (path.endsWith(".csv", Qt::CaseInsensitive)) {
        auto written = core::writeFileAtomically(path.toStdString(), m_model.toCsv().toStdString());
        if (!written && error) *error = QString::fromStdString(written.error().message);
        return bool(written);
    }
    if (!path.endsWith(".png", Qt::CaseInsensitive) && !path.endsWith(".svg", Qt::CaseInsensitive) &&
        !path.endsWith(".pdf", Qt::CaseInsensitive)) {
        if (error) *error = tr("%1: choose a .csv, .png, .svg or .pdf file name").arg(path);
        return false;
    }
    // The whole table, in the order shown, in a view of its own sized to its contents: the one on
    // screen shows what the window has room for, and its grab was as large as the window.
    QTableView table;
    table.setModel(m_sorted);
    table.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table.resizeColumnsToContents();
    table.resizeRowsToContents();
    const int frame = 2 * table.frameWidth();
    const QSize content(table.verticalHeader()->sizeHint().width() + table.horizontalHeader()->length() + frame,
                        table.horizontalHeader()->sizeHint().height() + table.verticalHeader()->length() + frame);
    table.resize(content);
    (void)table.grab(); // lays it out at that size
    return exportDrawing(
        [&table, content](QPainter& painter, const QRectF& target) {
            // Scaled to fit the export size (at most twice its own), from the top left.
            double scale = std::min({target.width() / content.width(), target.height() / content.height(), 2.0});
            painter.save();
            painter.scale(scale, scale);
            table.render(&painter);
            painter.restore();
        },
        kExportSize, path, m_source->currentText(), error);
}

} // namespace baton::ui
