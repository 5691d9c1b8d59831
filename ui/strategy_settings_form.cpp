// SPDX-License-Identifier: MIT
#include "strategy_settings_form.h"
#include "util/json_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMenu>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <algorithm>

namespace baton::ui {
namespace {

constexpr int kIntegerLimit = 1'000'000'000;
constexpr double kNumberLimit = 1e12;

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool isScalarList(const nlohmann::json& value) {
    return value.is_array() && std::all_of(value.begin(), value.end(), [](const nlohmann::json& v) {
               return v.is_string() || v.is_number();
           });
}

QString compact(const nlohmann::json& value) {
    return QString::fromStdString(value.dump());
}

/// The line edit of a list editor (a line and an "add a model" button).
QLineEdit* listLine(QWidget* editor) {
    return editor->findChild<QLineEdit*>();
}

} // namespace

StrategySettingsForm::StrategySettingsForm(QWidget* parent) : QWidget(parent), m_form(new QFormLayout(this)) {
    m_form->setContentsMargins(0, 0, 0, 0);
}

QString StrategySettingsForm::listText(const nlohmann::json& list) {
    QStringList parts;
    for (const auto& v : list)
        parts << (v.is_string() ? QString::fromStdString(v.get<std::string>()) : compact(v));
    return parts.join(", ");
}

nlohmann::json StrategySettingsForm::listFromText(const QString& text, bool names) {
    nlohmann::json list = nlohmann::json::array();
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
        std::string token = part.trimmed().toStdString();
        if (token.empty()) continue;
        if (!names) {
            // A number stays a number ("0.7"); anything else is a text.
            nlohmann::json number = core::parseJsonOrDiscarded(token);
            if (number.is_number()) {
                list.push_back(number);
                continue;
            }
        }
        list.push_back(token);
    }
    return list;
}

StrategySettingsForm::Editor StrategySettingsForm::editorFor(const core::StrategyKind& kind, const std::string& key,
                                                             const nlohmann::json& value) const {
    if (kind.choiceFields.contains(key) && value.is_string()) return Editor::Choice;
    if (contains(kind.modelFields, key)) {
        if (value.is_string()) return Editor::Model;
        if (isScalarList(value)) return Editor::List;
    }
    if (value.is_boolean()) return Editor::Bool;
    if (value.is_number_integer()) return Editor::Integer;
    if (value.is_number()) return Editor::Number;
    if (value.is_string()) return Editor::Text;
    if (isScalarList(value) && !value.empty()) return Editor::List;
    return Editor::Json;
}

QWidget* StrategySettingsForm::makeEditor(Editor editor, const QString& key, const core::StrategyKind& kind,
                                          const QStringList& models) {
    switch (editor) {
    case Editor::Bool: {
        auto* box = new QCheckBox(this);
        connect(box, &QCheckBox::toggled, this, [this, key](bool on) { emit edited(key, on); });
        return box;
    }
    case Editor::Integer: {
        auto* spin = new QSpinBox(this);
        spin->setRange(-kIntegerLimit, kIntegerLimit);
        spin->setKeyboardTracking(false); // one edit when typing ends, not one per digit
        connect(spin, &QSpinBox::valueChanged, this, [this, key](int v) { emit edited(key, v); });
        return spin;
    }
    case Editor::Number: {
        auto* spin = new QDoubleSpinBox(this);
        spin->setRange(-kNumberLimit, kNumberLimit);
        spin->setDecimals(6);
        spin->setKeyboardTracking(false);
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, key](double v) { emit edited(key, v); });
        return spin;
    }
    case Editor::Text: {
        auto* line = new QLineEdit(this);
        connect(line, &QLineEdit::editingFinished, this,
                [this, key, line] { emit edited(key, line->text().trimmed().toStdString()); });
        return line;
    }
    case Editor::Choice: {
        auto* box = new QComboBox(this);
        for (const auto& choice : kind.choiceFields.at(key.toStdString()))
            box->addItem(QString::fromStdString(choice));
        connect(box, &QComboBox::textActivated, this,
                [this, key](const QString& text) { emit edited(key, text.toStdString()); });
        return box;
    }
    case Editor::Model: {
        auto* box = new QComboBox(this);
        box->setEditable(true); // a name not (yet) in the pool stays visible; the problems list names it
        box->setInsertPolicy(QComboBox::NoInsert);
        box->addItems(models);
        box->setToolTip(tr("A model of this pool"));
        connect(box->lineEdit(), &QLineEdit::editingFinished, this,
                [this, key, box] { emit edited(key, box->currentText().trimmed().toStdString()); });
        connect(box, &QComboBox::textActivated, this,
                [this, key](const QString& text) { emit edited(key, text.trimmed().toStdString()); });
        return box;
    }
    case Editor::List: {
        bool names = contains(kind.modelFields, key.toStdString());
        auto* holder = new QWidget(this);
        auto* row = new QHBoxLayout(holder);
        row->setContentsMargins(0, 0, 0, 0);
        auto* line = new QLineEdit(holder);
        line->setToolTip(names ? tr("Model names, in order, separated by commas") : tr("Values separated by commas"));
        row->addWidget(line);
        connect(line, &QLineEdit::editingFinished, this,
                [this, key, line, names] { emit edited(key, listFromText(line->text(), names)); });
        if (names) {
            auto* add = new QToolButton(holder);
            add->setText(tr("Add model"));
            add->setPopupMode(QToolButton::InstantPopup);
            auto* menu = new QMenu(add);
            for (const QString& model : models)
                menu->addAction(model, this, [this, key, line, model] {
                    QString text = line->text().trimmed();
                    line->setText(text.isEmpty() ? model : text + ", " + model);
                    emit edited(key, listFromText(line->text(), true));
                });
            add->setMenu(menu);
            row->addWidget(add);
            holder->setFocusProxy(line);
        }
        return holder;
    }
    case Editor::Json: {
        auto* line = new QLineEdit(this);
        line->setFont(QFont(QStringLiteral("monospace")));
        line->setToolTip(tr("JSON"));
        connect(line, &QLineEdit::editingFinished, this, [this, key, line] {
            nlohmann::json value = core::parseJsonOrDiscarded(line->text().toStdString());
            if (value.is_discarded())
                emit refused(tr("Setting \"%1\" is not valid JSON; it is unchanged (the line keeps your text to mend)")
                                 .arg(key));
            else
                emit edited(key, value);
        });
        return line;
    }
    }
    return nullptr;
}

void StrategySettingsForm::setValue(QWidget* editor, Editor kind, const nlohmann::json& value) {
    QSignalBlocker quiet(editor);
    switch (kind) {
    case Editor::Bool: static_cast<QCheckBox*>(editor)->setChecked(value.get<bool>()); break;
    case Editor::Integer: {
        auto v = value.get<int64_t>();
        static_cast<QSpinBox*>(editor)->setValue(int(std::clamp<int64_t>(v, -kIntegerLimit, kIntegerLimit)));
        break;
    }
    case Editor::Number: static_cast<QDoubleSpinBox*>(editor)->setValue(value.get<double>()); break;
    case Editor::Text: static_cast<QLineEdit*>(editor)->setText(QString::fromStdString(value.get<std::string>())); break;
    case Editor::Choice:
    case Editor::Model: {
        auto* box = static_cast<QComboBox*>(editor);
        QString text = QString::fromStdString(value.get<std::string>());
        if (box->findText(text) < 0 && kind == Editor::Choice) box->addItem(text);
        box->setCurrentText(text);
        if (kind == Editor::Choice) box->setCurrentIndex(box->findText(text));
        break;
    }
    case Editor::List: {
        QLineEdit* line = listLine(editor);
        QSignalBlocker quietLine(line);
        line->setText(listText(value));
        break;
    }
    case Editor::Json: static_cast<QLineEdit*>(editor)->setText(compact(value)); break;
    }
}

void StrategySettingsForm::show(const core::StrategyKind& kind, const nlohmann::json& settings,
                                const QStringList& models) {
    std::vector<std::pair<std::string, Editor>> shape;
    if (settings.is_object())
        for (const auto& [key, value] : settings.items())
            shape.emplace_back(key, editorFor(kind, key, value));
    if (shape != m_shape || kind.name != m_kind || models != m_models) {
        // The edit that changed the shape may still be inside an editor's own signal (Return in
        // a line edit): its widgets go when control is back in the event loop, not now.
        while (m_form->rowCount() > 0) {
            QFormLayout::TakeRowResult row = m_form->takeRow(0);
            for (QLayoutItem* item : {row.labelItem, row.fieldItem})
                if (item) {
                    if (QWidget* widget = item->widget()) widget->hide(), widget->deleteLater();
                    delete item;
                }
        }
        m_editors.clear();
        m_shape = shape;
        m_kind = kind.name;
        m_models = models;
        for (const auto& [key, editor] : shape) {
            QString name = QString::fromStdString(key);
            QWidget* widget = makeEditor(editor, name, kind, models);
            widget->setObjectName(QStringLiteral("setting_") + name);
            m_form->addRow(name, widget);
            m_editors[name] = widget;
        }
    }
    for (const auto& [key, editor] : shape)
        setValue(m_editors.at(QString::fromStdString(key)), editor, settings.at(key));
}

QWidget* StrategySettingsForm::editor(const QString& key) const {
    auto it = m_editors.find(key);
    return it == m_editors.end() ? nullptr : it->second;
}

} // namespace baton::ui
