#pragma once
// ItemListModel: a list of item ids handed to the view in chunks as it scrolls
// (canFetchMore/fetchMore), so the inspector lists a million items without building a widget each.

#include <QAbstractListModel>
#include <QStringList>

namespace baton::ui {

class ItemListModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int kChunk = 500;

    explicit ItemListModel(QObject* parent = nullptr) : QAbstractListModel(parent) {}

    void setItems(QStringList ids);
    const QStringList& items() const { return m_ids; } ///< every id, shown or not yet

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

private:
    QStringList m_ids;
    int m_shown = 0;
    bool m_changing = false; ///< views and testers ask for more while a change is announced: not then
};

} // namespace baton::ui
