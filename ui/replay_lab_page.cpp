// SPDX-License-Identifier: MIT
#include "replay_lab_page.h"
#include "matrix/matrix_import.h"
#include "matrix/matrix_store.h"
#include "matrix/run_matrix.h"
#include "replay/model_stats.h"
#include "replay/replay_table.h"
#include "replay_chart.h"
#include "router_train_panel.h"
#include "save_target.h"
#include "scene_export.h"
#include "engine/run_engine.h"
#include "store/run_store.h"
#include "util/file_io.h"
#include "workbench_session.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace baton::ui {

namespace {

struct Loaded {
    std::shared_ptr<const core::OutcomeMatrix> matrix;
    QString error;
};

struct Imported {
    bool saved = false;
    QString message; ///< the summary, or every problem found
};

const QStringList kFormats = {"long", "wide", "routellm", "zeroeval", "mmlu-pro", "frugalgpt"};

QString fixed(double v, int decimals) {
    return std::isnan(v) ? QStringLiteral("-") : QString::number(v, 'f', decimals);
}

} // namespace

struct ReplayLabPage::Computed {
    std::optional<core::ReplayReport> report;
    std::optional<core::ConstraintPrice> price; ///< when some model is unticked
    QString error;
};

ReplayLabPage::ReplayLabPage(WorkbenchSession& session, QWidget* parent) : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_source = new QComboBox(this);
    m_source->setMinimumWidth(240);
    m_source->setToolTip(tr("A saved outcome matrix (baton-cli matrix import) or the baselines of a run"));
    auto* refresh = new QPushButton(tr("Refresh"), this);
    auto* import = new QPushButton(tr("Import..."), this);
    import->setToolTip(tr("Read an outcome file (long, wide, RouteLLM, ZeroEval, MMLU-Pro, FrugalGPT) into the workspace"));
    auto* cancel = new QPushButton(tr("Cancel"), this);
    cancel->setEnabled(false);
    auto* exportButton = new QPushButton(tr("Export..."), this);
    exportButton->setToolTip(tr("The chart as PNG, SVG or PDF, or the table as CSV"));
    bar->addWidget(new QLabel(tr("Matrix or run:"), this));
    bar->addWidget(m_source, 1);
    bar->addWidget(refresh);
    bar->addWidget(import);
    bar->addWidget(cancel);
    bar->addWidget(exportButton);
    layout->addLayout(bar);

    auto* optionsBar = new QHBoxLayout;
    m_testShare = new QDoubleSpinBox(this);
    m_testShare->setRange(0.1, 0.9);
    m_testShare->setSingleStep(0.05);
    m_testShare->setValue(0.3);
    m_testShare->setToolTip(tr("Share of items held out for scoring, stratified by category"));
    m_seed = new QSpinBox(this);
    m_seed->setRange(1, 1'000'000);
    m_seed->setToolTip(tr("The split's seed"));
    m_similarity = new QCheckBox(tr("similarity (kNN)"), this);
    m_similarity->setChecked(true);
    m_cascade = new QCheckBox(tr("cascade"), this);
    m_cascade->setToolTip(tr("Needs scorer values in the matrix (a run's cascade logs its judge scores)"));
    m_rules = new QCheckBox(tr("rules (best model per category)"), this);
    optionsBar->addWidget(new QLabel(tr("Test share:"), this));
    optionsBar->addWidget(m_testShare);
    optionsBar->addWidget(new QLabel(tr("Seed:"), this));
    optionsBar->addWidget(m_seed);
    optionsBar->addWidget(new QLabel(tr("Strategies:"), this));
    optionsBar->addWidget(m_similarity);
    optionsBar->addWidget(m_cascade);
    optionsBar->addWidget(m_rules);
    optionsBar->addStretch(1);
    layout->addLayout(optionsBar);

    auto* statusBar = new QHBoxLayout;
    m_status = new QLabel(tr("Choose a matrix or a run with baselines."), this);
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->setVisible(false);
    statusBar->addWidget(m_status, 1);
    statusBar->addWidget(m_progress);
    layout->addLayout(statusBar);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* whatIf = new QWidget(split);
    auto* whatIfLayout = new QVBoxLayout(whatIf);
    whatIfLayout->setContentsMargins(0, 0, 0, 0);
    whatIfLayout->addWidget(new QLabel(tr("What-if pool: models kept"), whatIf));
    m_models = new QListWidget(whatIf);
    m_models->setToolTip(tr("Untick a model to see the pool without it; the price of that constraint is shown below"));
    whatIfLayout->addWidget(m_models, 1);
    m_price = new QLabel(whatIf);
    m_price->setWordWrap(true);
    whatIfLayout->addWidget(m_price);
    split->addWidget(whatIf);

    auto* right = new QSplitter(Qt::Vertical, split);
    m_chart = new QChartView(right);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(220);
    auto* sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(&m_table);
    sorted->setSortRole(ReplayTableModel::SortRole);
    auto* view = new QTableView(right);
    view->setModel(sorted);
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the report's order until a click
    view->setSortingEnabled(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    right->addWidget(m_chart);
    right->addWidget(view);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    auto* tabs = new QTabWidget(this);
    tabs->addTab(split, tr("Replay"));
    // In a scroll area: its options, two charts and a table must not raise the window's minimum
    // size above 1024x700 (tst_results_page holds the main window to that).
    auto* scroll = new QScrollArea(tabs);
    scroll->setWidgetResizable(true);
    m_router = new RouterTrainPanel(session, scroll);
    m_router->setMinimumSize(900, 640);
    scroll->setWidget(m_router);
    tabs->addTab(scroll, tr("Train a router"));
    layout->addWidget(tabs, 1);

    connect(refresh, &QPushButton::clicked, this, [this] { refreshSources(); });
    connect(import, &QPushButton::clicked, this, &ReplayLabPage::askAndImport);
    connect(m_source, &QComboBox::textActivated, this, [this](const QString&) {
        showSource(m_source->currentData().toString());
    });
    for (auto* box : {m_similarity, m_cascade, m_rules}) connect(box, &QCheckBox::toggled, this, &ReplayLabPage::recompute);
    connect(m_testShare, &QDoubleSpinBox::editingFinished, this, &ReplayLabPage::recompute);
    connect(m_seed, &QSpinBox::editingFinished, this, &ReplayLabPage::recompute);
    connect(m_models, &QListWidget::itemChanged, this, &ReplayLabPage::recompute);
    connect(cancel, &QPushButton::clicked, &m_runner, &JobRunner::cancel);
    connect(&m_runner, &JobRunner::busyChanged, this, [this, cancel](bool busy) {
        cancel->setEnabled(busy);
        m_progress->setVisible(busy);
    });
    connect(&m_runner, &JobRunner::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(&m_runner, &JobRunner::cancelled, this, [this] { m_status->setText(tr("Cancelled.")); });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        QString path = QFileDialog::getSaveFileName(
            this, tr("Export replay"), "replay.csv",
            tr("CSV table (*.csv);;PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
        QString error;
        if (path.isEmpty()) return;
        if (!exportTo(path, &error)) return (void)QMessageBox::warning(this, tr("Export failed"), error);
        m_status->setText(tr("Exported to %1.").arg(path));
    });
    refreshSources();
}

void ReplayLabPage::refreshSources(const QString& select) {
    using Sources = std::vector<std::pair<QString, QString>>; // label, selector; or one ("", error)
    std::string path = m_session.path().toStdString();
    m_listing.run<Sources>(
        [path](std::stop_token, const JobRunner::Progress&) {
            Sources out;
            auto db = core::SqliteDb::open(path, core::SqliteDb::Mode::ReadOnly);
            if (!db) return out.emplace_back(QString(), QString::fromStdString(db.error().message)), out;
            if (auto matrices = core::listMatrices(**db))
                for (const auto& m : *matrices)
                    out.emplace_back(tr("matrix %1 (%2 items x %3 models)")
                                         .arg(QString::fromStdString(m.name))
                                         .arg(m.items)
                                         .arg(m.models),
                                     QString::fromStdString(m.name));
            if (auto runs = core::listRuns(**db))
                for (auto it = runs->rbegin(); it != runs->rend(); ++it)
                    out.emplace_back(tr("run %1 baselines").arg(it->id), QStringLiteral("run:%1").arg(it->id));
            return out;
        },
        [this, select](const Sources& sources) {
            QSignalBlocker quiet(m_source);
            m_source->clear();
            for (const auto& [label, selector] : sources) {
                if (label.isEmpty()) return m_status->setText(selector);
                m_source->addItem(label, selector);
            }
            if (!select.isEmpty()) m_source->setCurrentIndex(m_source->findData(select));
            emit sourcesListed();
        });
}

void ReplayLabPage::showSource(const QString& selector) {
    m_status->setText(tr("Loading %1...").arg(selector));
    std::string path = m_session.path().toStdString(), which = selector.toStdString();
    m_runner.run<Loaded>(
        [path, which](std::stop_token, const JobRunner::Progress& progress) {
            Loaded out;
            // A connection of the job's own: SQLite connections are not shared across threads.
            auto db = core::SqliteDb::open(path, core::SqliteDb::Mode::ReadOnly);
            if (!db) return out.error = QString::fromStdString(db.error().message), out;
            auto m = which.rfind("run:", 0) == 0 ? core::matrixFromRun(**db, std::stoll(which.substr(4)))
                                                 : core::loadMatrix(**db, which);
            if (!m) return out.error = QString::fromStdString(m.error().message), out;
            progress(1, 1);
            out.matrix = std::make_shared<const core::OutcomeMatrix>(std::move(*m));
            return out;
        },
        [this, selector](const Loaded& loaded) {
            if (!loaded.error.isEmpty()) return m_status->setText(loaded.error);
            m_matrix = loaded.matrix;
            m_router->setMatrix(m_matrix);
            QSignalBlocker quiet(m_models);
            m_models->clear();
            for (const auto& model : m_matrix->models) {
                auto* item = new QListWidgetItem(QString::fromStdString(model), m_models);
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Checked);
            }
            bool scored = !m_matrix->scorerNames.empty();
            m_cascade->setEnabled(scored);
            if (!scored) m_cascade->setChecked(false);
            recompute();
        });
}

void ReplayLabPage::askAndImport() {
    QString path = QFileDialog::getOpenFileName(this, tr("Import outcomes"), QString(),
                                                tr("Outcome files (*.csv *.jsonl *.zip);;All files (*)"));
    if (path.isEmpty()) return;
    bool ok = false;
    QString format = QInputDialog::getItem(this, tr("Import outcomes"), tr("Format of %1:").arg(path), kFormats, 0,
                                           false, &ok);
    if (!ok) return;
    QString name = QInputDialog::getText(this, tr("Import outcomes"), tr("Save in the workspace as:"), QLineEdit::Normal,
                                         QFileInfo(path).completeBaseName(), &ok);
    if (ok && !name.trimmed().isEmpty()) importMatrixFile(path, format, name.trimmed());
}

void ReplayLabPage::importMatrixFile(const QString& path, const QString& format, const QString& name) {
    m_status->setText(tr("Importing %1 as %2...").arg(path, format));
    core::MatrixImportOptions options;
    options.format = format.toStdString();
    auto& writer = m_session.runInputs().writer;
    m_runner.run<Imported>(
        [&writer, options, file = path.toStdString(), as = name.toStdString()](std::stop_token,
                                                                               const JobRunner::Progress& progress) {
            Imported out;
            auto matrix = core::importMatrix({file}, options);
            if (!matrix) return out.message = QString::fromStdString(matrix.error().describe()), out;
            progress(1, 2);
            std::string summary = std::to_string(matrix->itemCount()) + " items x " +
                                  std::to_string(matrix->modelCount()) + " models";
            auto saved = writer
                             .submit([&](core::SqliteDb& db) -> core::Status {
                                 auto id = core::saveMatrix(db, *matrix, as);
                                 return id ? core::Status{} : std::unexpected(id.error());
                             })
                             .get();
            if (!saved) return out.message = QString::fromStdString(saved.error().describe()), out;
            out.saved = true;
            out.message = QString::fromStdString("saved " + as + ": " + summary);
            return out;
        },
        [this, name](const Imported& imported) {
            m_status->setText(imported.message);
            emit importEnded(imported.saved, imported.message);
            if (!imported.saved) return;
            refreshSources(name);
            showSource(name);
        });
}

void ReplayLabPage::setPoolDocument(PoolDocument* document) {
    m_router->setPoolDocument(document);
}

void ReplayLabPage::setModelKept(const QString& model, bool kept) {
    for (int i = 0; i < m_models->count(); ++i)
        if (m_models->item(i)->text() == model) m_models->item(i)->setCheckState(kept ? Qt::Checked : Qt::Unchecked);
}

core::ReplayOptions ReplayLabPage::options() const {
    core::ReplayOptions o;
    o.strategies.clear();
    if (m_similarity->isChecked()) o.strategies.push_back("similarity");
    if (m_cascade->isChecked()) o.strategies.push_back("cascade");
    if (m_rules->isChecked()) o.strategies.push_back("rules");
    o.testShare = m_testShare->value();
    o.seed = uint64_t(m_seed->value());
    return o;
}

void ReplayLabPage::recompute() {
    if (!m_matrix) return;
    std::vector<size_t> kept;
    for (int i = 0; i < m_models->count(); ++i)
        if (m_models->item(i)->checkState() == Qt::Checked) kept.push_back(size_t(i));
    if (kept.empty()) return m_status->setText(tr("Tick at least one model of the what-if list."));
    m_status->setText(tr("Replaying %1 items x %2 models...").arg(m_matrix->itemCount()).arg(kept.size()));
    auto options = this->options();
    m_runner.run<Computed>(
        [matrix = m_matrix, kept, options](std::stop_token stop, const JobRunner::Progress& progress) {
            Computed out;
            bool all = kept.size() == matrix->modelCount();
            core::OutcomeMatrix subset = all ? core::OutcomeMatrix{} : matrix->withModels(kept);
            auto report = core::replay(all ? *matrix : subset, options, stop, progress);
            if (!report) return out.error = QString::fromStdString(report.error().message), out;
            out.report = std::move(*report);
            if (!all && !stop.stop_requested())
                if (auto price = core::priceOfConstraint(*matrix, core::completeItems(*matrix), kept))
                    out.price = std::move(*price);
            return out;
        },
        [this](const Computed& computed) { showComputed(computed); });
}

void ReplayLabPage::showComputed(const Computed& computed) {
    if (!computed.error.isEmpty()) return m_status->setText(computed.error);
    const auto& r = *computed.report;
    m_report = r;
    m_table.setRows(core::replayTable(r), r.costAxis == "usd");
    QChart* old = m_chart->chart();
    m_chart->setChart(buildReplayChart(r));
    delete old;
    QString text = tr("%1 items (%2 with every model graded): trained on %3, scored on %4.")
                       .arg(r.items)
                       .arg(r.completeItems)
                       .arg(r.trainItems)
                       .arg(r.testItems);
    if (r.costAxis != "usd") text += tr(" Some costs are unknown: the cost axis is the strong model's share of calls.");
    for (const auto& note : r.notes) text += ' ' + QString::fromStdString(note);
    m_status->setText(text);
    if (!computed.price) {
        m_price->setText(m_models->count() ? tr("Every model kept: the full pool.") : QString());
    } else {
        const auto& p = *computed.price;
        m_price->setText(tr("Without the unticked models, against %1: accuracy lost at equal cost %2 [%3, %4]; "
                            "cost added at equal accuracy %5 [%6, %7] USD per item (95% bootstrap).")
                             .arg(QString::fromStdString(p.referenceModel))
                             .arg(fixed(p.accuracyLost, 4), fixed(p.accuracyLostCi.low, 4), fixed(p.accuracyLostCi.high, 4))
                             .arg(fixed(p.costAdded, 6), fixed(p.costAddedCi.low, 6), fixed(p.costAddedCi.high, 6)));
    }
    emit replayShown();
}

QString ReplayLabPage::status() const {
    return m_status->text() + '\n' + m_price->text();
}

bool ReplayLabPage::exportTo(const QString& path, QString* error) const {
    if (QString clash = workspaceClash(path, m_session.path()); !clash.isEmpty()) {
        if (error) *error = clash;
        return false;
    }
    if (!m_report) {
        if (error) *error = tr("Nothing to export yet: choose a matrix or a run first.");
        return false;
    }
    if (path.endsWith(".csv", Qt::CaseInsensitive)) {
        auto written = core::writeFileAtomically(path.toStdString(), core::replayTableCsv(*m_report));
        if (!written && error) *error = QString::fromStdString(written.error().message);
        return bool(written);
    }
    if (!path.endsWith(".png", Qt::CaseInsensitive) && !path.endsWith(".svg", Qt::CaseInsensitive) &&
        !path.endsWith(".pdf", Qt::CaseInsensitive)) {
        if (error) *error = tr("%1: choose a .csv, .png, .svg or .pdf file name").arg(path);
        return false;
    }
    // Drawn afresh at the export size, whatever the window's.
    return exportChartFile(buildReplayChart(*m_report), path, error);
}

} // namespace baton::ui
