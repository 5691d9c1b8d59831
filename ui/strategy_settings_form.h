// SPDX-License-Identifier: MIT
#pragma once
// StrategySettingsForm: one strategy's settings as a form, an editor per setting chosen from its
// JSON type and its kind's hints in the strategy registry: a check box for a bool, a spin box
// for a number, a line for a text, a choice box for a setting with fixed values, the pool's models for a setting
// that names one, a comma-separated list (with an "add a model" menu) for a list of names or
// numbers, and compact JSON for anything else. An edit is reported, never applied here: the
// strategies tab makes it one undoable change of the pool.

#include "strategies/strategy_kind.h"

#include <QWidget>
#include <nlohmann/json.hpp>

class QFormLayout;

namespace baton::ui {

class StrategySettingsForm : public QWidget {
    Q_OBJECT
public:
    explicit StrategySettingsForm(QWidget* parent = nullptr);

    /// Shows `settings` of a strategy of `kind` in a pool of `models`. When the settings have the
    /// same keys and types as shown, the editors keep their place (and focus) and only their
    /// values change; otherwise the form is built again.
    void show(const core::StrategyKind& kind, const nlohmann::json& settings, const QStringList& models);
    /// The editor of setting `key` (nullptr when not shown), for tests and focus.
    QWidget* editor(const QString& key) const;

    /// The text of a list setting as its line shows it ("a, b"), and the list a line stands for.
    static QString listText(const nlohmann::json& list);
    static nlohmann::json listFromText(const QString& text, bool names);

signals:
    /// Setting `key` was edited to `value`.
    void edited(const QString& key, const nlohmann::json& value);
    /// An edit could not be read (e.g. bad JSON); nothing was changed.
    void refused(const QString& why);

private:
    enum class Editor { Bool, Integer, Number, Text, Choice, Model, List, Json };
    Editor editorFor(const core::StrategyKind& kind, const std::string& key, const nlohmann::json& value) const;
    QWidget* makeEditor(Editor editor, const QString& key, const core::StrategyKind& kind, const QStringList& models);
    void setValue(QWidget* editor, Editor kind, const nlohmann::json& value);

    QFormLayout* m_form;
    std::vector<std::pair<std::string, Editor>> m_shape; ///< the keys and editors shown now
    std::string m_kind;
    QStringList m_models;
    std::map<QString, QWidget*> m_editors;
};

} // namespace baton::ui
