// SPDX-License-Identifier: MIT
#pragma once
// FileDialogIcons: gives every QFileDialog of the application an icon provider that names and
// draws files by their extension only. Qt's own provider asks QMimeDatabase for each file's type,
// which reads the file's first bytes on the GUI thread when a path is typed or shown (a slow disk,
// a network mount or a big file froze the window for seconds: the monkey test saw > 10 s). Our
// dialogs filter by extension anyway, so the sniffed type added nothing.

#include <QFileIconProvider>
#include <QObject>

class QApplication;

namespace baton::ui {

/// Files by extension ("JSON file"), folders as folders; never opens a file.
class ExtensionIconProvider : public QFileIconProvider {
public:
    QIcon icon(IconType type) const override { return QFileIconProvider::icon(type); }
    QIcon icon(const QFileInfo& info) const override;
    QString type(const QFileInfo& info) const override;
};

class FileDialogIcons : public QObject {
    Q_OBJECT
public:
    /// Installs itself on `app` (owned by it) for every file dialog opened from now on.
    static void install(QApplication& app);

    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    using QObject::QObject;
    ExtensionIconProvider m_provider;
};

} // namespace baton::ui
