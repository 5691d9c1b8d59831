// SPDX-License-Identifier: MIT
// The Pools page's strategy editor on the demo pool: a strategy added from its kind's template
// and edited through the form (a model chosen from the pool, a whole number kept whole, a list
// that keeps its order, bad JSON refused with nothing changed), each edit one undoable step,
// editors kept in place while the user edits, remove and rename; and a new model row on the
// endpoint of the row it is added after.

#include "pool_document.h"
#include "pool_models_model.h"
#include "strategies/strategy_registry.h"
#include "strategies_tab.h"
#include "strategy_settings_form.h"
#include "workbench_session.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace baton;

namespace {

/// Types `text` into `line` and presses Return, as a user ends an edit.
void type(QLineEdit* line, const QString& text) {
    line->setFocus();
    line->selectAll();
    line->setText(text);
    QTest::keyClick(line, Qt::Key_Return);
}

QLineEdit* lineOf(QWidget* editor) {
    if (auto* line = qobject_cast<QLineEdit*>(editor)) return line;
    if (auto* box = qobject_cast<QComboBox*>(editor)) return box->lineEdit();
    return editor ? editor->findChild<QLineEdit*>() : nullptr;
}

} // namespace

class TestStrategyEditor : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        auto session = ui::WorkbenchSession::openDemo(m_dir.filePath("w.db"), 1);
        QVERIFY2(session, session ? "" : session.error().describe().c_str());
        m_session = std::move(*session);
        m_doc = std::make_unique<ui::PoolDocument>();
        m_doc->reset(m_session->pool(), {});
        QVERIFY(m_doc->valid());
        QVERIFY(m_doc->pool().models.size() >= 3);
        m_tab = std::make_unique<ui::StrategiesTab>(*m_doc);
    }
    void cleanup() {
        m_tab.reset();
        m_doc.reset();
        m_session.reset();
    }

    void aStrategyFromItsTemplateGetsAModelFromThePool() {
        QString name = m_tab->addStrategy("single");
        QVERIFY(!name.isEmpty());
        QCOMPARE(m_tab->selected(), name);
        const auto& config = m_doc->pool().strategies.at(name.toStdString());
        QCOMPARE(config.kind, std::string("single"));
        QVERIFY(config.settings == core::strategyRegistry().find("single")->settingsTemplate);
        QVERIFY(!m_doc->valid()); // the template names no model yet; the loader says where
        QVERIFY(m_tab->kindText().startsWith("single: "));

        auto* box = qobject_cast<QComboBox*>(m_tab->form().editor("model"));
        QVERIFY(box);
        QCOMPARE(box->count(), int(m_doc->pool().models.size())); // every model of the pool, offered
        std::string chosen = m_doc->pool().models[1].name;
        type(box->lineEdit(), QString::fromStdString(chosen));
        QCOMPARE(m_doc->pool().strategies.at(name.toStdString()).settings["model"].get<std::string>(), chosen);
        QVERIFY2(m_doc->valid(), m_doc->problems().empty() ? "" : m_doc->problems().front().toString().c_str());

        m_doc->undoStack().undo(); // the edit, alone
        QCOMPARE(m_doc->pool().strategies.at(name.toStdString()).settings["model"].get<std::string>(), std::string());
        QCOMPARE(box->currentText(), QString());
        m_doc->undoStack().undo(); // the addition
        QVERIFY(!m_doc->pool().strategies.count(name.toStdString()));
    }

    void numbersStayWholeListsKeepTheirOrderAndEditorsStayPut() {
        QString name = m_tab->addStrategy("moa");
        const auto& models = m_doc->pool().models;
        auto* layers = qobject_cast<QSpinBox*>(m_tab->form().editor("layers"));
        QVERIFY(layers);
        layers->setValue(2);
        const nlohmann::json& settings = m_doc->pool().strategies.at(name.toStdString()).settings;
        QVERIFY(settings["layers"].is_number_integer());
        QCOMPARE(settings["layers"].get<int>(), 2);
        QCOMPARE(m_tab->form().editor("layers"), layers); // not built again under the user's hands

        QWidget* proposers = m_tab->form().editor("proposers");
        QString order = QString::fromStdString(models[2].name + ", " + models[0].name);
        type(lineOf(proposers), order);
        auto list = m_doc->pool().strategies.at(name.toStdString()).settings["proposers"];
        QVERIFY(list == nlohmann::json::array({models[2].name, models[0].name}));
        // "Add model" appends, in the pool's order of its menu.
        auto* add = proposers->findChild<QToolButton*>();
        QVERIFY(add && add->menu());
        QCOMPARE(add->menu()->actions().size(), int(models.size()));
        add->menu()->actions()[1]->trigger();
        list = m_doc->pool().strategies.at(name.toStdString()).settings["proposers"];
        QVERIFY(list == nlohmann::json::array({models[2].name, models[0].name, models[1].name}));
        QCOMPARE(lineOf(proposers)->text(), order + ", " + QString::fromStdString(models[1].name));

        type(lineOf(m_tab->form().editor("aggregator")), QString::fromStdString(models[0].name));
        QVERIFY2(m_doc->valid(), m_doc->problems().empty() ? "" : m_doc->problems().front().toString().c_str());
        QCOMPARE(m_doc->undoStack().count(), 5); // add, layers, proposers typed, a proposer added, the aggregator
    }

    void badJsonIsRefusedAndChoicesAreOffered() {
        QString name = m_tab->addStrategy("cascade");
        const auto& models = m_doc->pool().models;
        auto* scorer = qobject_cast<QComboBox*>(m_tab->form().editor("scorer"));
        QVERIFY(scorer);
        QCOMPARE(scorer->count(), 3);
        QCOMPARE(scorer->currentText(), QString("judge"));
        type(lineOf(m_tab->form().editor("chain")), QString::fromStdString(models[0].name + "," + models[1].name));
        QCOMPARE(m_doc->pool().strategies.at(name.toStdString()).settings["chain"].size(), size_t(2));

        core::Pool before = m_doc->pool();
        QSignalSpy refused(m_tab.get(), &ui::StrategiesTab::status);
        QLineEdit* thresholds = lineOf(m_tab->form().editor("thresholds"));
        QVERIFY(thresholds);
        QCOMPARE(thresholds->text(), QString("[]"));
        type(thresholds, "[0.7");
        QCOMPARE(refused.count(), 1);
        QVERIFY(refused.first().first().toString().contains("thresholds"));
        QVERIFY(m_doc->pool() == before);
        QCOMPARE(thresholds->text(), QString("[0.7")); // the user's text stays to be mended
        type(thresholds, "[0.7]");
        QVERIFY(m_doc->pool().strategies.at(name.toStdString()).settings["thresholds"] == nlohmann::json::array({0.7}));
        // Now a list of numbers: a plain line.
        QCOMPARE(lineOf(m_tab->form().editor("thresholds"))->text(), QString("0.7"));
    }

    void removeAndRenameAreUndoableAndANameIsNeverTakenTwice() {
        QString first = m_tab->addStrategy("similarity");
        QString second = m_tab->addStrategy("similarity");
        QCOMPARE(second, first + "-2");
        QSignalSpy status(m_tab.get(), &ui::StrategiesTab::status);
        QVERIFY(!m_tab->renameSelected(first)); // another strategy's name
        QVERIFY(!m_tab->renameSelected(QString::fromStdString(m_doc->pool().models[0].name))); // a model's
        QCOMPARE(status.count(), 2);
        QVERIFY(m_tab->renameSelected("my-similarity"));
        QVERIFY(m_doc->pool().strategies.count("my-similarity") && !m_doc->pool().strategies.count(second.toStdString()));
        QCOMPARE(m_tab->selected(), QString("my-similarity"));
        m_tab->removeSelected();
        QVERIFY(!m_doc->pool().strategies.count("my-similarity"));
        m_doc->undoStack().undo();
        QVERIFY(m_doc->pool().strategies.count("my-similarity"));
        m_doc->undoStack().undo();
        QVERIFY(m_doc->pool().strategies.count(second.toStdString()));
    }

    void aNewModelRowIsOnTheEndpointOfTheRowItFollows() {
        core::Pool pool = m_doc->pool();
        pool.models[0].provider = core::ProviderKind::Anthropic;
        pool.models[0].baseUrl = "https://api.anthropic.com";
        pool.models[0].keyRef = *core::KeyRef::parse("env:MY_ANTHROPIC_KEY");
        pool.models[0].apiVersion = "2023-06-01";
        m_doc->change(pool, "endpoint");
        ui::PoolModelsModel model(*m_doc);
        int row = model.addModel(0);
        const core::ModelSpec& added = m_doc->pool().models[size_t(row)];
        const core::ModelSpec& from = m_doc->pool().models[0];
        QVERIFY(added.provider == from.provider);
        QCOMPARE(added.baseUrl, from.baseUrl);
        QCOMPARE(added.keyRef.toString(), std::string("env:MY_ANTHROPIC_KEY"));
        QCOMPARE(added.apiVersion, from.apiVersion);
        QVERIFY(!added.priceOverride && added.priceRef.empty()); // prices are the model's own
        QCOMPARE(added.remoteModel, added.name);
        // Without a row: the last one's endpoint.
        int next = model.addModel();
        QCOMPARE(m_doc->pool().models[size_t(next)].baseUrl, m_doc->pool().models[size_t(row)].baseUrl);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::WorkbenchSession> m_session;
    std::unique_ptr<ui::PoolDocument> m_doc;
    std::unique_ptr<ui::StrategiesTab> m_tab;
};

QTEST_MAIN(TestStrategyEditor)
#include "tst_strategy_editor.moc"
