// SPDX-License-Identifier: MIT
#include "settings.h"

#include <QSplitter>

namespace baton::ui::settings {

void addRecentPool(const QString& path) {
    QStringList recent = recentPools.get();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    recentPools.set(recent);
}

void rememberSplitter(QSplitter* splitter, const QString& name) {
    splitter->setObjectName(name);
    if (QByteArray state = splitterState.get(name); !state.isEmpty()) splitter->restoreState(state);
    QObject::connect(splitter, &QSplitter::splitterMoved, splitter,
                     [splitter, name] { splitterState.set(name, splitter->saveState()); });
}

} // namespace baton::ui::settings
