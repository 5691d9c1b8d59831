// SPDX-License-Identifier: MIT
#pragma once
// PoolsPage: edit a pool (models with prices, tags and key references in a table; strategies
// as a form per kind; constraints and everything else as the pool's JSON), open and save pool files, undo/redo,
// the problems the loader finds listed with their paths, the pool's makeup, keys stored in the
// keychain, "Test connection" per model, and "Use for runs".

#include "connection_tester.h"
#include "pool_document.h"
#include "pool_models_model.h"

#include <QMessageBox>
#include <QWidget>
#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QTableView;

namespace baton::ui {

class WorkbenchSession;

class PoolsPage : public QWidget {
    Q_OBJECT
public:
    PoolsPage(WorkbenchSession& session, QWidget* parent = nullptr);

    PoolDocument& document() { return m_document; }
    const PoolModelsModel& modelsModel() const { return m_models; }
    /// The problems shown now, one line each.
    QStringList problemLines() const;
    QString statusText() const;
    /// The pool's makeup and, when some are, its stale prices with their age.
    QString makeupText() const;

    /// Opens a pool file; a file that fails validation opens as text with its problems listed.
    void openFile(const QString& path);
    void newPool();             ///< asks about unsaved changes first
    void chooseAndOpen();       ///< asks about unsaved changes, then for a file
    bool chooseAndSaveAs();     ///< asks for a file name
    bool save();
    /// Writes the pool to `path`, with `.json` appended when missing (the Open dialog lists *.json).
    bool saveAs(const QString& path);
    /// Applies the JSON text; false (problems listed, nothing lost) when it is not a valid pool.
    bool applyJson(const QString& text);
    void useForRuns();
    void testConnection(int row);
    /// Asks to save unsaved changes; false when the user cancels.
    bool confirmDiscard();

    /// How questions are asked (replaced in tests): returns Save, Discard or Cancel.
    std::function<QMessageBox::StandardButton(const QString& question)> ask;
    /// How a file is chosen (replaced in tests): for saving or opening, starting at `start`.
    std::function<QString(bool forSaving, const QString& start)> choosePath;

signals:
    void connectionTested(const QString& modelName, bool ok, const QString& summary);

private:
    void refresh();
    void showProblems(const std::vector<core::Diagnostic>& problems);
    void setStatus(const QString& text);
    void setKeyForSelected();
    void remember(const QString& path); ///< recent files and the folder of the next dialog
    int selectedRow() const;

    WorkbenchSession& m_session;
    PoolDocument m_document;
    PoolModelsModel m_models;
    ConnectionTester m_tester;
    QString m_brokenFile; ///< a file that failed to load, shown as text until fixed
    QLabel* m_title;
    QLineEdit* m_name;
    QLineEdit* m_description;
    QTabWidget* m_tabs;
    QTableView* m_table;
    QPlainTextEdit* m_json;
    QListWidget* m_problems;
    QLabel* m_makeup;
    QLabel* m_status;
};

} // namespace baton::ui
