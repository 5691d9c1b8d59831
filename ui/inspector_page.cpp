// SPDX-License-Identifier: MIT
#include "inspector_page.h"
#include "eval/item_verdict.h"
#include "eval/routing_tree.h"
#include "providers/readable_exchange.h"
#include "run_charts.h"
#include "save_target.h"
#include "scene_export.h"
#include "settings.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>
#include <QTabWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>
#include <set>

namespace baton::ui {

InspectorPage::InspectorPage(QWidget* parent)
    : QWidget(parent), m_strategy(new QComboBox(this)), m_category(new QComboBox(this)), m_status(new QComboBox(this)),
      m_wrongButBaselineRight(new QCheckBox(tr("wrong while some baseline was right"), this)),
      m_items(new QListView(this)), m_view(new QTreeView(this)), m_text(new QPlainTextEdit(this)),
      m_item(new QTextBrowser(this)), m_drawings(new QTabWidget(this)), m_graph(new RoutingGraphView(this)),
      m_timeline(new CallTimelineView(this)), m_cost(new CallCostView(this)), m_runCost(new QChartView(this)),
      m_exported(new QLabel(this)) {
    chooseFile = [this](const QString& caption, const QString& start, const QString& filter) {
        return QFileDialog::getSaveFileName(this, caption, start, filter);
    };
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Inspector</h2>"), this));
    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Strategy"), this));
    filters->addWidget(m_strategy);
    filters->addWidget(new QLabel(tr("Category"), this));
    filters->addWidget(m_category);
    filters->addWidget(new QLabel(tr("Status"), this));
    m_status->addItems({tr("all"), tr("complete"), tr("failed"), tr("incomplete")});
    filters->addWidget(m_status);
    filters->addWidget(m_wrongButBaselineRight);
    filters->addStretch();
    layout->addLayout(filters);
    auto* split = new QSplitter(Qt::Horizontal, this);
    m_items->setModel(&m_itemList);
    m_items->setUniformItemSizes(true);
    split->addWidget(m_items);
    auto* right = new QSplitter(Qt::Vertical, split);
    m_item->setOpenLinks(false); // nothing in an answer is ever fetched or followed
    m_item->setObjectName("itemVerdict");
    right->addWidget(m_item);
    m_view->setModel(&m_tree);
    m_view->setUniformRowHeights(true);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The tree as a table and, next to it, drawn (graph; the call timeline and cost charts).
    auto* treeSplit = new QSplitter(Qt::Horizontal, right);
    treeSplit->addWidget(m_view);
    auto* drawn = new QWidget(treeSplit);
    auto* drawnLayout = new QVBoxLayout(drawn);
    drawnLayout->setContentsMargins(0, 0, 0, 0);
    m_drawings->addTab(m_graph, tr("Graph"));
    m_graph->setToolTip(tr("Fill: the call's role. Border: green = final answer right, red = wrong or failed, "
                           "thick = the final answer, dashed = answered from the cache."));
    m_drawings->addTab(m_timeline, tr("Timeline"));
    m_drawings->addTab(m_cost, tr("Cost per call"));
    m_drawings->setTabToolTip(2, tr("What each call of this item cost"));
    m_runCost->setRenderHint(QPainter::Antialiasing);
    m_drawings->addTab(m_runCost, tr("Cost per call, whole run"));
    m_drawings->setTabToolTip(3, tr("What the calls of the whole run cost (of the strategy chosen), counted per role "
                                    "in bins of cost; calls of unknown cost are counted in the title, never drawn as $0"));
    drawnLayout->addWidget(m_drawings, 1);
    auto* exportRow = new QHBoxLayout;
    auto* exportButton = new QPushButton(tr("Export drawing..."), drawn);
    exportButton->setToolTip(tr("The drawing shown, as PNG, SVG or PDF (the graph also as Graphviz DOT)"));
    exportRow->addWidget(exportButton);
    m_exported->setTextFormat(Qt::PlainText);
    m_exported->setTextInteractionFlags(Qt::TextSelectableByMouse);
    exportRow->addWidget(m_exported, 1);
    drawnLayout->addLayout(exportRow);
    treeSplit->addWidget(drawn);
    treeSplit->setSizes({500, 400});
    settings::rememberSplitter(treeSplit, "inspector-tree");
    right->addWidget(treeSplit);
    connect(exportButton, &QPushButton::clicked, this, &InspectorPage::chooseAndExport);
    connect(m_graph, &RoutingGraphView::nodeClicked, this,
            [this](size_t node) { m_view->setCurrentIndex(m_tree.indexOfNode(node)); });
    m_text->setReadOnly(true); // plain text only: nothing in a response is ever fetched or rendered
    right->addWidget(m_text);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    split->setSizes({200, 900});
    right->setSizes({220, 200, 200});
    settings::rememberSplitter(split, "inspector");
    settings::rememberSplitter(right, "inspector-right");
    layout->addWidget(split, 1);

    for (auto* combo : {m_strategy, m_category, m_status})
        connect(combo, &QComboBox::currentIndexChanged, this, &InspectorPage::refilter);
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &InspectorPage::showRunCosts);
    connect(m_wrongButBaselineRight, &QCheckBox::toggled, this, &InspectorPage::refilter);
    connect(m_items->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& index) { showTree(index.data().toString()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &InspectorPage::showCall);
}

void InspectorPage::setData(InspectorData data) {
    m_listJob.cancel(); // the grades of the run shown before are no longer wanted
    m_data = std::move(data);
    m_gradesOf = m_data.strategy;
    m_baselineRight.reset();
    std::set<std::string> strategies(m_data.strategies.begin(), m_data.strategies.end()), categories;
    for (const auto& [item, category] : m_data.categoryOf)
        categories.insert(category);
    QSignalBlocker a(m_strategy), b(m_category);
    m_strategy->clear();
    for (const auto& s : strategies)
        m_strategy->addItem(QString::fromStdString(s));
    if (!m_data.strategy.empty()) {
        m_strategy->setCurrentText(QString::fromStdString(m_data.strategy));
    } else {
        for (int i = 0; i < m_strategy->count(); ++i) // open on an orchestration strategy, if there is one
            if (std::find(m_data.baselines.begin(), m_data.baselines.end(), m_strategy->itemText(i).toStdString()) ==
                m_data.baselines.end()) {
                m_strategy->setCurrentIndex(i);
                break;
            }
    }
    m_category->clear();
    m_category->addItem(tr("all"));
    for (const auto& c : categories)
        m_category->addItem(QString::fromStdString(c));
    refilter();
    showRunCosts();
}

void InspectorPage::setCallCosts(core::RunCallCosts costs) {
    m_data.callCosts = std::move(costs);
    showRunCosts();
}

void InspectorPage::setStrategy(const QString& strategy) {
    m_strategy->setCurrentText(strategy);
}
void InspectorPage::setOnlyWrongWhileBaselineRight(bool on) {
    m_wrongButBaselineRight->setChecked(on);
}

QStringList InspectorPage::visibleItems() const {
    return m_itemList.items();
}

void InspectorPage::refilter() {
    const std::string strategy = m_strategy->currentText().toStdString();
    const bool needGrades = strategy != m_gradesOf;
    const bool needRight = m_wrongButBaselineRight->isChecked() && !m_baselineRight;
    if (!(needGrades || needRight) || !m_data.gradesOf) {
        // A read still running is for a choice no longer made (another strategy's grades): its
        // result must not replace what is listed now.
        m_listJob.cancel();
        if (needGrades) m_data.grades.clear(), m_gradesOf = strategy; // nothing to read them from
        if (needRight) m_baselineRight.emplace();
        return listItems();
    }
    // Read off the GUI thread (66k grades per strategy of a 1M-call run); a newer choice cancels
    // this read and drops its result. Until it arrives the list is empty, never another strategy's.
    struct Read {
        std::optional<core::Result<std::vector<core::Outcome>>> grades;
        std::optional<core::Result<std::set<std::string>>> baselineRight;
    };
    m_itemList.setItems({});
    clearShown();
    m_listJob.run<std::shared_ptr<Read>>(
        [gradesOf = m_data.gradesOf, baselines = m_data.baselines, strategy, needGrades,
         needRight](std::stop_token stop, const JobRunner::Progress&) {
            auto read = std::make_shared<Read>();
            if (needGrades) read->grades = gradesOf({strategy}, stop);
            if (needRight && !stop.stop_requested() && (!read->grades || *read->grades)) {
                auto grades = gradesOf(baselines, stop);
                if (!grades) {
                    read->baselineRight = std::unexpected(grades.error());
                } else {
                    std::vector<std::string> right = core::rightByABaseline(*grades, baselines);
                    read->baselineRight = std::set<std::string>(right.begin(), right.end());
                }
            }
            return read;
        },
        [this, strategy](const std::shared_ptr<Read>& read) {
            if (strategy != m_strategy->currentText().toStdString()) return; // chosen no longer
            const core::Error* error = read->grades && !*read->grades                 ? &read->grades->error()
                                       : read->baselineRight && !*read->baselineRight ? &read->baselineRight->error()
                                                                                      : nullptr;
            if (error) { // nothing is kept: the same filter reads again
                m_listError = tr("The grades could not be read: %1").arg(QString::fromStdString(error->describe()));
                m_itemList.setItems({});
                clearShown();
                emit listFailed(m_listError);
                return;
            }
            m_listError.clear();
            if (read->grades) m_data.grades = std::move(**read->grades), m_gradesOf = strategy;
            if (read->baselineRight) m_baselineRight = std::move(**read->baselineRight);
            listItems();
        });
}

void InspectorPage::listItems() {
    const std::string category = m_category->currentIndex() > 0 ? m_category->currentText().toStdString() : "";
    const bool wrongOnly = m_wrongButBaselineRight->isChecked() && m_baselineRight;
    QStringList ids;
    ids.reserve(qsizetype(m_data.grades.size()));
    for (const auto& o : m_data.grades) {
        if (!category.empty()) {
            auto c = m_data.categoryOf.find(o.itemId);
            if (c == m_data.categoryOf.end() || c->second != category) continue;
        }
        if (m_status->currentIndex() > 0 && int(o.status) != m_status->currentIndex() - 1) continue;
        // As core::wrongWhileABaselineWasRight: graded wrong, while a baseline got it right.
        if (wrongOnly && (o.status == core::OutcomeStatus::Incomplete || o.grade.value_or(0) >= 0.5 ||
                          !m_baselineRight->count(o.itemId)))
            continue;
        ids << QString::fromStdString(o.itemId);
    }
    m_itemList.setItems(std::move(ids));
    if (m_itemList.rowCount() > 0)
        m_items->setCurrentIndex(m_itemList.index(0));
    else
        clearShown();
    emit itemsListed();
}

void InspectorPage::clearShown() {
    m_treeJob.cancel(), m_textJob.cancel();
    m_shownItem.clear();
    m_tree.setTree({}), m_graph->setTree({}, std::nullopt), m_timeline->setCalls({}), m_cost->setCalls({}),
        m_text->clear(), m_item->clear();
}

void InspectorPage::showItem(const QString& itemId) {
    int row = int(m_itemList.items().indexOf(itemId));
    while (row >= m_itemList.rowCount() && m_itemList.canFetchMore({}))
        m_itemList.fetchMore({});
    if (row >= 0 && row < m_itemList.rowCount() && m_items->currentIndex().row() != row)
        m_items->setCurrentIndex(m_itemList.index(row)); // shows its tree
    else
        showTree(itemId);
}

void InspectorPage::showTree(const QString& itemId) {
    std::string item = itemId.toStdString(), strategy = m_strategy->currentText().toStdString();
    m_textJob.cancel(); // the texts of the last item's call are no longer wanted
    if (!m_data.callsFor) return applyTree(itemId, strategy, {});
    // Read off the GUI thread; a newer selection cancels this one and drops its result.
    m_treeJob.run<ShownItem>([callsFor = m_data.callsFor, itemFor = m_data.itemFor, outcomesFor = m_data.outcomesFor,
                              strategy, item](std::stop_token, const JobRunner::Progress&) {
        ShownItem shown{callsFor(strategy, item), std::nullopt, std::nullopt};
        if (itemFor) shown.item = itemFor(item);
        if (outcomesFor) shown.outcomes = outcomesFor(item);
        return shown;
    }, [this, itemId, strategy](const ShownItem& shown) { applyTree(itemId, strategy, shown); });
}

void InspectorPage::applyTree(const QString& itemId, const std::string& strategy, const ShownItem& shown) {
    const std::vector<core::Call>& calls = shown.calls;
    m_shownItem = itemId;
    showVerdict(itemId, shown);
    m_tree.setTree(core::buildRoutingTree(calls, itemId.toStdString(), strategy));
    m_graph->setTree(m_tree.tree(), m_verdict.found ? m_verdict.grade : std::nullopt);
    m_timeline->setCalls(calls);
    m_cost->setCalls(calls);
    m_view->expandAll();
    m_text->clear();
    if (m_tree.rowCount() > 0) m_view->setCurrentIndex(m_tree.index(0, 0));
    emit itemShown(itemId);
}

void InspectorPage::showCall(const QModelIndex& index) {
    if (auto node = m_tree.nodeAt(index)) m_graph->selectNode(*node);
    const core::Call* call = m_tree.callAt(index);
    if (!call || !m_data.textFor) return;
    QString model = QString::fromStdString(call->model);
    QString cached = call->cacheHit ? tr("  (answered from the response cache: not sent, not paid again)") : QString();
    using Texts = std::pair<std::string, std::string>;
    m_textJob.run<Texts>(
        [textFor = m_data.textFor, request = call->requestHash, response = call->responseHash](
            std::stop_token, const JobRunner::Progress&) {
            return Texts{core::readableRequest(textFor(request)), core::readableResponse(textFor(response))};
        },
        [this, model, cached](const Texts& texts) {
            m_text->setPlainText(tr("REQUEST to %1 (without credentials)\n\n%2\n\nRESPONSE%3\n\n%4")
                                     .arg(model, QString::fromStdString(texts.first), cached,
                                          QString::fromStdString(texts.second)));
            emit callShown();
        });
}

bool InspectorPage::exportDrawing(const QString& path, QString* error, QString* written) {
    // As chosen, and with the .png a name without a drawing's suffix gets.
    for (const QString& target : {path, path + ".png"})
        if (QString clash = workspaceClash(target, m_workspacePath); !clash.isEmpty()) {
            if (error) *error = clash;
            if (written) *written = target;
            return false;
        }
    if (m_drawings->currentWidget() == m_graph) return m_graph->exportTo(path, error, written);
    auto* view = qobject_cast<QGraphicsView*>(m_drawings->currentWidget());
    return view && exportScene(*view->scene(), path, error, written);
}

void InspectorPage::showRunCosts() {
    QChart* old = m_runCost->chart();
    m_runCost->setChart(buildCallCostChart(m_data.callCosts, m_strategy->currentText().toStdString(), m_data.runId));
    delete old; // the view gives up a chart it no longer shows
}

void InspectorPage::showDrawing(int index) {
    m_drawings->setCurrentIndex(index);
}

void InspectorPage::chooseAndExport() {
    QString folder = settings::exportFolder.get();
    static const char* const names[] = {"routing-graph.svg", "call-timeline.svg", "cost-per-call.svg",
                                        "run-cost-per-call.svg"};
    QString name = names[std::clamp(m_drawings->currentIndex(), 0, 3)];
    QString path = chooseFile(tr("Export drawing"), folder.isEmpty() ? name : folder + '/' + name,
                              tr("SVG drawing (*.svg);;PNG image (*.png);;PDF document (*.pdf);;Graphviz DOT (*.dot)"));
    if (path.isEmpty()) return;
    QString error, written;
    if (exportDrawing(path, &error, &written)) {
        settings::exportFolder.set(QFileInfo(written).absolutePath());
        m_exported->setText(tr("Exported to %1").arg(written));
    } else {
        m_exported->setText(error);
    }
}

QString InspectorPage::itemText() const {
    return m_item->toPlainText();
}

QString InspectorPage::callText() const {
    return m_text->toPlainText();
}

namespace {

QString esc(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped().replace('\n', "<br>");
}

QString gradeText(const std::optional<double>& grade) {
    if (!grade) return QObject::tr("not graded");
    if (*grade >= 1) return QObject::tr("right");
    if (*grade <= 0) return QObject::tr("wrong");
    return QObject::tr("partly right (%1)").arg(*grade, 0, 'f', 2);
}

} // namespace

void InspectorPage::showVerdict(const QString& itemId, const ShownItem& shown) {
    std::string id = itemId.toStdString(), strategy = m_strategy->currentText().toStdString();
    m_verdict = core::itemVerdict(shown.item ? &*shown.item : nullptr, id, strategy,
                                  shown.outcomes ? *shown.outcomes : m_data.grades, shown.calls, m_data.baselines);
    const core::ItemVerdict& v = m_verdict;
    QString html = tr("<b>%1</b> (%2) with <b>%3</b>: <b style='color:%4'>%5</b>")
                       .arg(esc(v.itemId), esc(v.category), esc(v.strategy), v.right() ? "#060" : "#a00",
                            v.found ? gradeText(v.grade) : tr("no outcome"));
    if (v.status == core::OutcomeStatus::Failed) html += tr(" (failed: no answer)");
    if (v.status == core::OutcomeStatus::Incomplete && v.found) html += tr(" (incomplete: stopped before the end)");
    html += "<table cellspacing=4>";
    auto row = [&html](const QString& label, const QString& value) {
        html += "<tr><td valign=top><i>" + label + "</i></td><td>" + value + "</td></tr>";
    };
    QStringList question;
    for (const auto& m : v.question)
        question << "<b>" + esc(m.role) + ":</b> " + esc(m.content);
    row(tr("Question"), question.isEmpty() ? tr("(not in the task set)") : question.join("<br>"));
    QStringList refs;
    for (const auto& r : v.references)
        refs << esc(r);
    row(tr("Reference"), refs.isEmpty() ? tr("(none)") : refs.join(" | "));
    row(tr("Final answer"), v.answer.empty() ? tr("(none)") : esc(v.answer));
    QStringList right, wrong;
    for (const auto& b : v.baselines)
        (b.grade && *b.grade >= 0.5 ? right : wrong)
            << QStringLiteral("%1 <span style='color:#777'>(%2)</span>").arg(esc(b.model), esc(b.answer.substr(0, 60)));
    if (!v.baselines.empty()) {
        row(tr("Baselines right"), right.isEmpty() ? tr("none") : right.join(", "));
        row(tr("Baselines wrong"), wrong.isEmpty() ? tr("none") : wrong.join(", "));
    }
    QString cost = QString::fromStdString(core::formatUsd(v.paid));
    if (v.unknownCostCalls) cost = tr("≥%1 (%n call(s) of unknown cost)", "", int(v.unknownCostCalls)).arg(cost);
    cost += tr(" paid in %n call(s)", "", int(v.calls - v.cachedCalls));
    if (v.cachedCalls)
        cost += tr("; %n call(s) answered from the cache (list price %1, not paid again)", "", int(v.cachedCalls))
                    .arg(QString::fromStdString(core::formatUsd(v.cachedList)));
    row(tr("Cost"), cost);
    row(tr("Latency"), v.latencyMs ? tr("%1 ms%2").arg(*v.latencyMs, 0, 'f', 0)
                                         .arg(v.latencyFromCache ? tr(" (cached calls counted as first made)") : QString())
                                   : tr("not measured"));
    html += "</table>";
    m_item->setHtml(html);
}

} // namespace baton::ui
