// SPDX-License-Identifier: MIT
#include "pools_page.h"
#include "list_texts.h"
#include "model/pool_makeup.h"
#include "pricing/price_age.h"
#include "util/calendar_date.h"
#include "save_target.h"
#include "settings.h"
#include "strategies_tab.h"
#include "workbench_session.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

QString countsText(const std::map<std::string, int>& counts) {
    QStringList parts;
    for (const auto& [name, n] : counts)
        parts << QStringLiteral("%1 %2").arg(QString::fromStdString(name)).arg(n);
    return parts.isEmpty() ? QObject::tr("none") : parts.join(", ");
}

QPushButton* button(const QString& text, QWidget* parent, const std::function<void()>& onClick) {
    auto* b = new QPushButton(text, parent);
    QObject::connect(b, &QPushButton::clicked, parent, onClick);
    return b;
}

} // namespace

PoolsPage::PoolsPage(WorkbenchSession& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_models(m_document), m_title(new QLabel(this)), m_name(new QLineEdit(this)),
      m_description(new QLineEdit(this)), m_tabs(new QTabWidget(this)), m_table(new QTableView(this)),
      m_json(new QPlainTextEdit(this)), m_problems(new QListWidget(this)), m_makeup(new QLabel(this)),
      m_status(new QLabel(this)) {
    ask = [this](const QString& question) {
        return QMessageBox::question(this, tr("Unsaved pool"), question,
                                     QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    };
    choosePath = [this](bool forSaving, const QString& start) {
        return forSaving ? QFileDialog::getSaveFileName(this, tr("Save pool"), start, tr("Pool files (*.json)"))
                         : QFileDialog::getOpenFileName(this, tr("Open pool"), start, tr("Pool files (*.json)"));
    };
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);

    auto* tools = new QToolBar(this);
    auto addAction = [&](const QString& text, QKeySequence keys, auto slot) {
        QAction* a = tools->addAction(text, this, slot);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        return a;
    };
    addAction(tr("New"), QKeySequence::New, [this] { newPool(); });
    addAction(tr("Open..."), QKeySequence::Open, [this] { chooseAndOpen(); });
    addAction(tr("Save"), QKeySequence::Save, [this] { save(); });
    addAction(tr("Save as..."), QKeySequence::SaveAs, [this] { chooseAndSaveAs(); });
    tools->addSeparator();
    QAction* undo = m_document.undoStack().createUndoAction(this, tr("Undo"));
    QAction* redo = m_document.undoStack().createRedoAction(this, tr("Redo"));
    undo->setShortcuts(QKeySequence::Undo); // every binding of the platform (Redo: Ctrl+Y and Ctrl+Shift+Z)
    redo->setShortcuts(QKeySequence::Redo);
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    tools->addAction(undo);
    tools->addAction(redo);
    tools->addSeparator();
    addAction(tr("Use for runs"), QKeySequence(Qt::CTRL | Qt::Key_U), [this] { useForRuns(); });
    addActions(tools->actions()); // their shortcuts work wherever the focus is on this page
    layout->addWidget(tools);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Description"), m_description);
    layout->addLayout(form);
    connect(m_name, &QLineEdit::editingFinished, this, [this] {
        core::Pool pool = m_document.pool();
        pool.name = m_name->text().trimmed().toStdString();
        m_document.change(std::move(pool), tr("Rename pool"));
    });
    connect(m_description, &QLineEdit::editingFinished, this, [this] {
        core::Pool pool = m_document.pool();
        pool.description = m_description->text().trimmed().toStdString();
        m_document.change(std::move(pool), tr("Edit description"));
    });

    auto* modelsTab = new QWidget(this);
    auto* modelsLayout = new QVBoxLayout(modelsTab);
    m_table->setModel(&m_models);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    modelsLayout->addWidget(m_table);
    auto* modelButtons = new QHBoxLayout;
    modelButtons->addWidget(
        button(tr("Add model"), this, [this] { m_table->selectRow(m_models.addModel(selectedRow())); }));
    modelButtons->addWidget(button(tr("Remove model"), this, [this] { m_models.removeModel(selectedRow()); }));
    modelButtons->addWidget(button(tr("Set key..."), this, [this] { setKeyForSelected(); }));
    modelButtons->addWidget(button(tr("Test connection"), this, [this] { testConnection(selectedRow()); }));
    modelButtons->addStretch();
    modelsLayout->addLayout(modelButtons);
    m_tabs->addTab(modelsTab, tr("Models"));

    auto* strategiesTab = new StrategiesTab(m_document, this);
    connect(strategiesTab, &StrategiesTab::status, this, &PoolsPage::setStatus);
    m_tabs->addTab(strategiesTab, tr("Strategies"));

    auto* jsonTab = new QWidget(this);
    auto* jsonLayout = new QVBoxLayout(jsonTab);
    jsonLayout->addWidget(new QLabel(tr("The whole pool as JSON: strategies, constraints and models. Apply checks it "
                                        "and makes it one undoable change."),
                                     jsonTab));
    m_json->setFont(QFont(QStringLiteral("monospace")));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    jsonLayout->addWidget(m_json);
    jsonLayout->addWidget(button(tr("Apply"), this, [this] { applyJson(m_json->toPlainText()); }));
    m_tabs->addTab(jsonTab, tr("Strategies, constraints (JSON)"));
    layout->addWidget(m_tabs, 3);

    layout->addWidget(new QLabel(tr("Problems"), this));
    m_problems->setMaximumHeight(120);
    layout->addWidget(m_problems, 1);
    m_makeup->setWordWrap(true);
    m_makeup->setTextFormat(Qt::PlainText); // model names are not markup
    layout->addWidget(m_makeup);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);

    connect(&m_document, &PoolDocument::changed, this, &PoolsPage::refresh);
    connect(&m_models, &PoolModelsModel::editRefused, this, &PoolsPage::setStatus);
    connect(&m_tester, &ConnectionTester::finished, this, [this](const QString& name, bool ok, const QString& summary) {
        setStatus(tr("Test connection, %1: %2 %3").arg(name, ok ? tr("OK,") : tr("FAILED:"), summary));
        emit connectionTested(name, ok, summary);
    });
    m_document.reset(session.pool(), {});
}

void PoolsPage::refresh() {
    const core::Pool& pool = m_document.pool();
    QString file =
        m_document.path().isEmpty() ? tr("Not saved to a file yet (Save as... writes pool JSON)") : m_document.path();
    m_title->setText(
        tr("<h2>Pools</h2>%1%2").arg(file.toHtmlEscaped(), m_document.modified() ? tr(" (modified)") : ""));
    m_name->setText(QString::fromStdString(pool.name));
    m_description->setText(QString::fromStdString(pool.description));
    if (m_brokenFile.isEmpty()) {
        m_json->setPlainText(QString::fromStdString(core::poolToJson(pool).dump(2)));
        showProblems(m_document.problems());
    }
    core::PoolMakeup makeup = core::poolMakeup(pool);
    m_makeup->setText(
        tr("Makeup of %n model(s): weights %1; vendors %2; jurisdictions %3", "", int(pool.models.size()))
            .arg(countsText(makeup.weights), countsText(makeup.vendors), countsText(makeup.jurisdictions)));
    QStringList stale;
    std::string today = core::todayIso(); // UTC, as baton-cli pool show judges
    for (const auto& model : pool.models)
        if (auto age = core::priceAge(model, core::PriceBook::bundled(), today); age && age->stale)
            stale << (age->days ? tr("%1 (%2 days, as of %3)")
                                      .arg(QString::fromStdString(model.name))
                                      .arg(*age->days)
                                      .arg(QString::fromStdString(age->asOf))
                                : tr("%1 (no date)").arg(QString::fromStdString(model.name)));
    if (!stale.isEmpty())
        m_makeup->setText(m_makeup->text() + '\n' +
                          tr("Stale prices (older than %1 days; check them and update price and date): %2")
                              .arg(core::kStalePriceDays)
                              .arg(stale.join(", ")));
}

QString PoolsPage::makeupText() const {
    return m_makeup->text();
}

void PoolsPage::showProblems(const std::vector<core::Diagnostic>& problems) {
    m_problems->clear();
    for (const auto& p : problems) {
        auto* item = new QListWidgetItem(QString::fromStdString(p.toString()), m_problems);
        item->setForeground(p.severity == core::Severity::Error ? QColor(170, 0, 0) : QColor(150, 100, 0));
    }
    if (problems.empty()) m_problems->addItem(tr("No problems: the pool is valid."));
}

QStringList PoolsPage::problemLines() const {
    return listTexts(*m_problems);
}

QString PoolsPage::statusText() const {
    return m_status->text();
}

void PoolsPage::setStatus(const QString& text) {
    m_status->setText(text);
}

void PoolsPage::openFile(const QString& path) {
    auto opened = m_document.open(path);
    if (opened) {
        m_brokenFile.clear();
        remember(path);
        refresh();
        setStatus(tr("Opened %1").arg(path));
        return;
    }
    // Nothing is dropped: the file's text is shown with every problem, to be fixed and applied.
    QFile file(path);
    if (opened.error().kind == core::ErrorKind::BadInput && file.open(QIODevice::ReadOnly)) {
        m_brokenFile = path;
        m_json->setPlainText(QString::fromUtf8(file.readAll()));
        m_tabs->setCurrentIndex(1);
    }
    auto problems = opened.error().problems;
    if (problems.empty()) problems.push_back({core::Severity::Error, path.toStdString(), "", opened.error().message});
    showProblems(problems);
    setStatus(tr("%1 has %n problem(s); fix them in the JSON and press Apply.", "", int(problems.size())).arg(path));
}

bool PoolsPage::applyJson(const QString& text) {
    QString fileName = m_brokenFile.isEmpty() ? tr("pool JSON") : QFileInfo(m_brokenFile).fileName();
    auto parsed = core::parsePool(text.toStdString(), fileName.toStdString());
    if (!parsed) {
        auto problems = parsed.error().problems;
        if (problems.empty())
            problems.push_back({core::Severity::Error, fileName.toStdString(), "", parsed.error().message});
        showProblems(problems);
        setStatus(tr("Not applied: the JSON has %n problem(s); your text is kept.", "", int(problems.size())));
        return false;
    }
    if (!m_brokenFile.isEmpty()) {
        QString path = std::exchange(m_brokenFile, {});
        m_document.reset(std::move(parsed->pool), path);
        m_document.undoStack().resetClean(); // fixed here, not yet on disk
        refresh();
    } else {
        m_document.change(std::move(parsed->pool), tr("Edit pool JSON"));
    }
    setStatus(tr("Applied."));
    return true;
}

void PoolsPage::newPool() {
    if (!confirmDiscard()) return;
    m_brokenFile.clear();
    core::Pool fresh;
    fresh.name = "new pool";
    m_document.reset(std::move(fresh), {});
}

void PoolsPage::chooseAndOpen() {
    if (!confirmDiscard()) return;
    QString path = choosePath(false, settings::poolFolder.get());
    if (!path.isEmpty()) openFile(path);
}

bool PoolsPage::chooseAndSaveAs() {
    QString start = m_document.path().isEmpty() ? settings::poolFolder.get() : m_document.path();
    QString path = choosePath(true, start);
    return !path.isEmpty() && saveAs(path);
}

bool PoolsPage::save() {
    if (m_document.path().isEmpty()) return chooseAndSaveAs();
    return saveAs(m_document.path());
}

bool PoolsPage::saveAs(const QString& chosen) {
    if (!m_brokenFile.isEmpty() || !m_document.valid()) {
        setStatus(tr("Not saved: fix the problems listed first."));
        return false;
    }
    // The Open dialog lists *.json only: a name typed without it would be written and then hidden.
    QString path = chosen.endsWith(".json", Qt::CaseInsensitive) ? chosen : chosen + ".json";
    // A workspace named *.json chosen here was replaced by the pool, every run in it lost.
    if (QString clash = workspaceClash(path, m_session.path()); !clash.isEmpty()) {
        setStatus(clash);
        return false;
    }
    auto saved = m_document.saveAs(path);
    setStatus(saved ? tr("Saved %1").arg(path) : QString::fromStdString(saved.error().describe()));
    if (saved) remember(path);
    return bool(saved);
}

void PoolsPage::remember(const QString& path) {
    settings::addRecentPool(QFileInfo(path).absoluteFilePath());
    settings::poolFolder.set(QFileInfo(path).absolutePath());
}

void PoolsPage::useForRuns() {
    if (!m_brokenFile.isEmpty() || !m_document.valid()) {
        setStatus(tr("This pool has problems; fix them before running it."));
        return;
    }
    m_session.usePool(m_document.pool());
    setStatus(tr("Runs now use the pool \"%1\".").arg(QString::fromStdString(m_document.pool().name)));
}

bool PoolsPage::confirmDiscard() {
    if (!m_document.modified() && m_brokenFile.isEmpty()) return true;
    QString name = QString::fromStdString(m_document.pool().name);
    switch (ask(tr("The pool \"%1\" has unsaved changes. Save them?").arg(name))) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

int PoolsPage::selectedRow() const {
    auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void PoolsPage::testConnection(int row) {
    const auto& models = m_document.pool().models;
    if (row < 0 || row >= int(models.size())) {
        setStatus(tr("Select a model to test first."));
        return;
    }
    setStatus(tr("Testing %1 (a free model listing; no tokens are spent)...")
                  .arg(QString::fromStdString(models[size_t(row)].name)));
    m_tester.test(models[size_t(row)], m_session.environmentFor(m_document.pool()));
}

void PoolsPage::setKeyForSelected() {
    int row = selectedRow();
    if (row < 0) return setStatus(tr("Select a model first."));
    const core::ModelSpec& model = m_document.pool().models[size_t(row)];
    if (model.keyRef.kind != core::KeyRef::Kind::Keychain)
        return setStatus(tr("Set the model's key reference to keychain:NAME first (env:NAME keys are read from the "
                            "environment)."));
    QString entry = QString::fromStdString(model.keyRef.name);
    bool ok = false;
    QString secret = QInputDialog::getText(this, tr("Set key"), tr("Key for keychain entry \"%1\":").arg(entry),
                                           QLineEdit::Password, {}, &ok);
    if (!ok || secret.isEmpty()) return;
    QString error;
    setStatus(m_session.keys().store(entry, secret, &error) ? tr("Stored in the keychain as \"%1\".").arg(entry)
                                                            : error);
}

} // namespace baton::ui
