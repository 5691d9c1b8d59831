// SPDX-License-Identifier: MIT
#pragma once
// ChunkedTableModel: the rows of a read-only table handed to views in chunks as they scroll
// (canFetchMore/fetchMore), so a million rows open at once. Subclasses hold the data and say
// how many rows there are whenever it is replaced.

#include <QAbstractTableModel>
#include <functional>

namespace baton::ui {

class ChunkedTableModel : public QAbstractTableModel {
public:
    int rowCount(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

protected:
    ChunkedTableModel(int chunk, QObject* parent) : QAbstractTableModel(parent), m_chunk(chunk) {}
    /// Replaces the data (`replace` runs inside the model reset) that now has `total` rows.
    void resetRows(const std::function<int()>& replace);

private:
    int m_chunk;
    int m_total = 0;
    int m_shown = 0;         ///< rows handed to views so far
    bool m_changing = false; ///< views and testers ask for more while a change is announced: not then
};

} // namespace baton::ui
