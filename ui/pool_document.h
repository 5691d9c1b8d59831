// SPDX-License-Identifier: MIT
#pragma once
// PoolDocument: the pool being edited on the Pools page: its file, whether it has unsaved
// changes, undo/redo of every change, and the problems the pool loader finds in it now.

#include "pools/pool_file.h"

#include <QObject>
#include <QUndoStack>

namespace baton::ui {

class PoolDocument : public QObject {
    Q_OBJECT
public:
    explicit PoolDocument(QObject* parent = nullptr);
    ~PoolDocument() override; ///< emits nothing: the undo stack is cleared silently

    const core::Pool& pool() const { return m_pool; }
    QString path() const { return m_path; } ///< empty for a pool never saved
    bool modified() const { return !m_undo.isClean(); }
    QUndoStack& undoStack() { return m_undo; }

    /// Problems (errors first, then warnings) the loader reports for the pool as it is now.
    const std::vector<core::Diagnostic>& problems() const { return m_problems; }
    bool valid() const { return m_valid; }

    /// Replaces the pool as one undoable step named `what`.
    void change(core::Pool pool, const QString& what);
    /// Adds `config` as strategy `name` (or name-2, name-3, ... when another strategy has that name)
    /// as one undoable step named `what`; returns the name it got (an identical strategy is kept).
    std::string addStrategy(const std::string& name, const core::StrategyConfig& config, const QString& what);
    /// Starts over on `pool` (no undo history, unmodified) with `path` as its file.
    void reset(core::Pool pool, const QString& path);
    /// Errors: the file's problems, each with its JSON path.
    core::Status open(const QString& path);
    core::Status saveAs(const QString& path);

signals:
    void changed();

private:
    friend class PoolChange;
    void setPool(core::Pool pool);

    // Declared before the undo stack, which holds commands that point back here: the stack
    // goes first, while everything it could reach is still alive.
    core::Pool m_pool;
    QString m_path;
    std::vector<core::Diagnostic> m_problems;
    bool m_valid = true;
    QUndoStack m_undo;
};

} // namespace baton::ui
