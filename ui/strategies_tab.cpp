// SPDX-License-Identifier: MIT
#include "strategies_tab.h"
#include "pool_document.h"
#include "strategies/strategy_registry.h"
#include "strategy_settings_form.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

QStringList modelNames(const core::Pool& pool) {
    QStringList names;
    for (const auto& model : pool.models)
        names << QString::fromStdString(model.name);
    return names;
}

} // namespace

StrategiesTab::StrategiesTab(PoolDocument& document, QWidget* parent)
    : QWidget(parent), m_document(document), m_list(new QListWidget(this)), m_kind(new QLabel(this)),
      m_form(new StrategySettingsForm(this)), m_remove(new QPushButton(tr("Remove"), this)),
      m_rename(new QPushButton(tr("Rename..."), this)) {
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    m_list->setObjectName(QStringLiteral("strategyList"));
    left->addWidget(m_list);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add strategy"), this);
    auto* kinds = new QMenu(add);
    for (const auto& kind : core::strategyRegistry().kinds()) {
        QString name = QString::fromStdString(kind.name);
        QAction* action = kinds->addAction(name, this, [this, name] { addStrategy(name); });
        action->setToolTip(QString::fromStdString(kind.description));
        action->setStatusTip(QString::fromStdString(kind.description));
    }
    kinds->setToolTipsVisible(true);
    add->setMenu(kinds);
    buttons->addWidget(add);
    buttons->addWidget(m_rename);
    buttons->addWidget(m_remove);
    left->addLayout(buttons);
    layout->addLayout(left, 1);

    auto* right = new QVBoxLayout;
    m_kind->setWordWrap(true);
    m_kind->setTextFormat(Qt::PlainText);
    right->addWidget(m_kind);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);
    right->addWidget(scroll, 1);
    right->addWidget(new QLabel(tr("Settings a form does not show (e.g. optional ones) can be added on the JSON tab."),
                                this));
    layout->addLayout(right, 2);

    connect(m_list, &QListWidget::currentTextChanged, this, [this] { refresh(); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeSelected(); });
    connect(m_rename, &QPushButton::clicked, this, [this] {
        bool ok = false;
        QString name = QInputDialog::getText(this, tr("Rename strategy"), tr("New name"), QLineEdit::Normal,
                                             selected(), &ok);
        if (ok) renameSelected(name.trimmed());
    });
    connect(m_form, &StrategySettingsForm::edited, this, &StrategiesTab::editSetting);
    connect(m_form, &StrategySettingsForm::refused, this, &StrategiesTab::status);
    connect(&m_document, &PoolDocument::changed, this, &StrategiesTab::refresh);
    refresh();
}

QString StrategiesTab::selected() const {
    return m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
}

void StrategiesTab::select(const QString& name) {
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(Qt::UserRole).toString() == name) m_list->setCurrentRow(row);
}

QString StrategiesTab::kindText() const {
    return m_kind->text();
}

QString StrategiesTab::addStrategy(const QString& kindName) {
    const core::StrategyKind* kind = core::strategyRegistry().find(kindName.toStdString());
    if (!kind) return {};
    const core::Pool& pool = m_document.pool();
    std::string name = kind->name;
    for (int k = 2; pool.strategies.count(name) || pool.findModel(name); ++k)
        name = kind->name + "-" + std::to_string(k);
    core::StrategyConfig config{kind->name, kind->settingsTemplate};
    std::string added = m_document.addStrategy(name, config, tr("Add strategy %1").arg(QString::fromStdString(name)));
    select(QString::fromStdString(added));
    return QString::fromStdString(added);
}

void StrategiesTab::removeSelected() {
    QString name = selected();
    core::Pool pool = m_document.pool();
    if (name.isEmpty() || !pool.strategies.erase(name.toStdString())) return;
    m_document.change(std::move(pool), tr("Remove strategy %1").arg(name));
}

bool StrategiesTab::renameSelected(const QString& name) {
    QString old = selected();
    if (old.isEmpty() || name == old) return false;
    core::Pool pool = m_document.pool();
    std::string wanted = name.toStdString();
    if (wanted.empty() || pool.strategies.count(wanted) || pool.findModel(wanted)) {
        emit status(name.isEmpty() ? tr("A strategy needs a name; %1 keeps its own").arg(old)
                                   : tr("\"%1\" is already the name of a strategy or a model; %2 keeps its name")
                                         .arg(name, old));
        return false;
    }
    auto node = pool.strategies.extract(old.toStdString());
    node.key() = wanted;
    pool.strategies.insert(std::move(node));
    m_document.change(std::move(pool), tr("Rename strategy %1 to %2").arg(old, name));
    select(name);
    return true;
}

void StrategiesTab::editSetting(const QString& key, const nlohmann::json& value) {
    QString name = selected();
    core::Pool pool = m_document.pool();
    auto it = pool.strategies.find(name.toStdString());
    if (it == pool.strategies.end()) return;
    it->second.settings[key.toStdString()] = value;
    m_document.change(std::move(pool), tr("Edit %1 of strategy %2").arg(key, name)); // no change, no step
}

void StrategiesTab::refresh() {
    const core::Pool& pool = m_document.pool();
    QString current = selected();
    {
        QSignalBlocker quiet(m_list);
        m_list->clear();
        for (const auto& [name, config] : pool.strategies) {
            auto* item = new QListWidgetItem(
                tr("%1 (%2)").arg(QString::fromStdString(name), QString::fromStdString(config.kind)), m_list);
            item->setData(Qt::UserRole, QString::fromStdString(name));
        }
        select(current);
        if (!m_list->currentItem() && m_list->count() > 0) m_list->setCurrentRow(0);
    }
    QString name = selected();
    m_remove->setEnabled(!name.isEmpty());
    m_rename->setEnabled(!name.isEmpty());
    auto it = pool.strategies.find(name.toStdString());
    const core::StrategyKind* kind = it == pool.strategies.end() ? nullptr : core::strategyRegistry().find(it->second.kind);
    if (!kind) {
        m_kind->setText(it == pool.strategies.end()
                            ? tr("No strategy yet: \"Add strategy\" starts one from its kind's template.")
                            : tr("Kind \"%1\" is not one Baton knows (%2); edit it on the JSON tab.")
                                  .arg(QString::fromStdString(it->second.kind),
                                       QString::fromStdString(core::strategyRegistry().names())));
        m_form->show(core::StrategyKind{}, nlohmann::json::object(), {});
        return;
    }
    m_kind->setText(tr("%1: %2").arg(QString::fromStdString(kind->name), QString::fromStdString(kind->description)));
    m_form->show(*kind, it->second.settings, modelNames(pool));
}

} // namespace baton::ui
