// SPDX-License-Identifier: MIT
#pragma once
// The texts of a QListWidget's items, in order (what a page shows, for callers and tests).

#include <QListWidget>
#include <QStringList>

namespace baton::ui {

inline QStringList listTexts(const QListWidget& list) {
    QStringList texts;
    for (int i = 0; i < list.count(); ++i)
        texts << list.item(i)->text();
    return texts;
}

} // namespace baton::ui
