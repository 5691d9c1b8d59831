// SPDX-License-Identifier: MIT
#include "file_dialog_icons.h"

#include <QApplication>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>

namespace baton::ui {

QIcon ExtensionIconProvider::icon(const QFileInfo& info) const {
    return QFileIconProvider::icon(info.isDir() ? Folder : File);
}

QString ExtensionIconProvider::type(const QFileInfo& info) const {
    if (info.isDir()) return QApplication::translate("FileDialogIcons", "Folder");
    QString suffix = info.suffix();
    return suffix.isEmpty() ? QApplication::translate("FileDialogIcons", "File")
                            : QApplication::translate("FileDialogIcons", "%1 file").arg(suffix.toUpper());
}

void FileDialogIcons::install(QApplication& app) {
    app.installEventFilter(new FileDialogIcons(&app));
}

bool FileDialogIcons::eventFilter(QObject* watched, QEvent* event) {
    // Polish comes before the dialog is shown and before it lists or looks up any file.
    if (event->type() == QEvent::Polish)
        if (auto* dialog = qobject_cast<QFileDialog*>(watched); dialog && dialog->iconProvider() != &m_provider)
            dialog->setIconProvider(&m_provider);
    return QObject::eventFilter(watched, event);
}

} // namespace baton::ui
