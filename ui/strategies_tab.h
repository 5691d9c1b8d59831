// SPDX-License-Identifier: MIT
#pragma once
// StrategiesTab: the pool's strategies as a list and a form per strategy (its kind from the
// strategy registry: description, settings editors), besides the raw JSON. "Add strategy"
// offers every kind with its template; remove and rename; every edit is one undoable change of
// the pool document, and a pool the loader refuses shows its problems on the page as usual.

#include <QWidget>
#include <nlohmann/json.hpp>

class QLabel;
class QListWidget;
class QPushButton;

namespace baton::ui {

class PoolDocument;
class StrategySettingsForm;

class StrategiesTab : public QWidget {
    Q_OBJECT
public:
    explicit StrategiesTab(PoolDocument& document, QWidget* parent = nullptr);

    /// Adds a strategy of registry kind `kind` from its template, named after the kind (or
    /// kind-2, ...), and selects it; returns its name ("" for an unknown kind).
    QString addStrategy(const QString& kind);
    void removeSelected();
    /// Renames the selected strategy; false (with the reason in the status) when `name` is empty
    /// or taken.
    bool renameSelected(const QString& name);
    void select(const QString& name);
    QString selected() const;
    /// Applies `value` to setting `key` of the selected strategy as one undoable change.
    void editSetting(const QString& key, const nlohmann::json& value);

    StrategySettingsForm& form() { return *m_form; }
    QString kindText() const;

signals:
    /// A message for the page's status line (a refused edit).
    void status(const QString& text);

private:
    void refresh();

    PoolDocument& m_document;
    QListWidget* m_list;
    QLabel* m_kind;
    StrategySettingsForm* m_form;
    QPushButton* m_remove;
    QPushButton* m_rename;
};

} // namespace baton::ui
