// SPDX-License-Identifier: MIT
#include "file_dialog_fence.h"

#include <QApplication>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QUrl>

namespace baton::monkey {

FileDialogFence::FileDialogFence(const QString& root, QObject* parent)
    : QObject(parent), m_root(QDir(root).canonicalPath()) {}

void FileDialogFence::install(QApplication& app, const QString& root) {
    QDir().mkpath(root);
    app.installEventFilter(new FileDialogFence(root, &app));
}

bool FileDialogFence::inside(const QString& path) const {
    QString canonical = QFileInfo(path).canonicalFilePath();
    return !canonical.isEmpty() && (canonical == m_root || canonical.startsWith(m_root + '/'));
}

bool FileDialogFence::eventFilter(QObject* watched, QEvent* event) {
    // At Show, not Polish: a dialog restores its remembered sidebar and folder after it is polished.
    auto* dialog = event->type() == QEvent::Show ? qobject_cast<QFileDialog*>(watched) : nullptr;
    if (!dialog || dialog->property("monkeyFenced").toBool()) return false;
    dialog->setProperty("monkeyFenced", true);
    dialog->setOption(QFileDialog::ReadOnly);
    dialog->setSidebarUrls({QUrl::fromLocalFile(m_root)});
    if (!inside(dialog->directory().absolutePath())) dialog->setDirectory(m_root);
    // Every way of moving (parent button, double click, typed path, history, "look in") changes
    // the model's root; one outside goes back, after the change that is being made has ended.
    if (auto* model = dialog->findChild<QFileSystemModel*>())
        connect(model, &QFileSystemModel::rootPathChanged, dialog, [this, dialog](const QString& folder) {
            if (!inside(folder)) QMetaObject::invokeMethod(dialog, [this, dialog] { dialog->setDirectory(m_root); },
                                                           Qt::QueuedConnection);
        });
    return false;
}

} // namespace baton::monkey
