// SPDX-License-Identifier: MIT
#pragma once
// FileDialogFence: keeps the monkey's random input inside its own folder. Every QFileDialog is
// made read-only (no Delete or Rename: a 15-minute session once deleted a folder of a checkout
// beside it with the Delete key and a click on "Yes") and is held to the fence's root:
// it opens there, its sidebar shows only the root, and moving to any folder outside it goes back.
// The monkey types no absolute paths, so a file it saves or opens is under the root too.

#include <QObject>
#include <QString>

class QApplication;

namespace baton::monkey {

class FileDialogFence : public QObject {
    Q_OBJECT
public:
    /// Installs itself on `app` (owned by it) for every file dialog shown from now on.
    static void install(QApplication& app, const QString& root);

    bool eventFilter(QObject* watched, QEvent* event) override;
    /// Whether `path` is the root or below it (symbolic links resolved).
    bool inside(const QString& path) const;

private:
    FileDialogFence(const QString& root, QObject* parent);
    QString m_root; ///< canonical
};

} // namespace baton::monkey
