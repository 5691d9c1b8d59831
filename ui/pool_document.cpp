// SPDX-License-Identifier: MIT
#include "pool_document.h"

#include <QUndoCommand>

namespace baton::ui {

/// One edit: the pool before and after.
class PoolChange : public QUndoCommand {
public:
    PoolChange(PoolDocument& document, core::Pool before, core::Pool after, const QString& what)
        : QUndoCommand(what), m_document(document), m_before(std::move(before)), m_after(std::move(after)) {}
    void undo() override { m_document.setPool(m_before); }
    void redo() override { m_document.setPool(m_after); }

private:
    PoolDocument& m_document;
    core::Pool m_before, m_after;
};

PoolDocument::PoolDocument(QObject* parent) : QObject(parent) {
    connect(&m_undo, &QUndoStack::cleanChanged, this, &PoolDocument::changed);
}

PoolDocument::~PoolDocument() {
    // ~QUndoStack clears a modified stack and emits cleanChanged(true); nobody may hear it while
    // the document (and the page that owns it) is half destroyed.
    m_undo.blockSignals(true);
}

void PoolDocument::change(core::Pool pool, const QString& what) {
    if (pool == m_pool) return;
    m_undo.push(new PoolChange(*this, m_pool, std::move(pool), what));
}

std::string PoolDocument::addStrategy(const std::string& name, const core::StrategyConfig& config,
                                      const QString& what) {
    core::Pool pool = m_pool;
    std::string chosen = name;
    for (int k = 2; pool.strategies.count(chosen) && pool.strategies.at(chosen) != config; ++k)
        chosen = name + "-" + std::to_string(k);
    pool.strategies[chosen] = config;
    change(std::move(pool), what);
    return chosen;
}

void PoolDocument::reset(core::Pool pool, const QString& path) {
    m_undo.clear();
    m_path = path;
    setPool(std::move(pool));
}

core::Status PoolDocument::open(const QString& path) {
    auto loaded = core::loadPoolFile(path.toStdString());
    if (!loaded) return std::unexpected(loaded.error());
    reset(std::move(loaded->pool), path);
    return {};
}

core::Status PoolDocument::saveAs(const QString& path) {
    if (auto saved = core::savePoolFile(m_pool, path.toStdString()); !saved) return saved;
    m_path = path;
    m_undo.setClean();
    emit changed();
    return {};
}

void PoolDocument::setPool(core::Pool pool) {
    m_pool = std::move(pool);
    // The loader is the one judge of a pool: what it would say of this pool saved and reopened.
    auto checked = core::parsePool(core::poolToJson(m_pool).dump(), "pool");
    m_valid = bool(checked);
    m_problems = checked ? checked->warnings : checked.error().problems;
    if (!checked && m_problems.empty())
        m_problems.push_back({core::Severity::Error, "pool", "", checked.error().message});
    emit changed();
}

} // namespace baton::ui
