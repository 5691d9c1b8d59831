// SPDX-License-Identifier: MIT
#pragma once
// BundleActions: File > Export run bundle... and File > Open bundle... (issue 17). Every file is
// read, written, checked and imported off the GUI thread through the one job runner, with a
// progress dialog that shows how far the work is (per call, outcome and file, as the core reports
// it) and whose Cancel stops it with nothing left behind; an opened bundle is verified (every figure recomputed, no API call) and the
// result shown with the manifest's figures before the user may import it as a new run.

#include "bundle/run_bundle.h"
#include "job_runner.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

class QProgressDialog;
class QWidget;

namespace baton::ui {

class WorkbenchSession;

class BundleActions : public QObject {
    Q_OBJECT
public:
    BundleActions(WorkbenchSession& session, QWidget* window);

    /// Asks where to write run `runId`'s bundle, then writes it; exported() or failed() follows.
    void exportRun(qint64 runId);
    /// Asks for a bundle, reads and verifies it; checked() follows (or failed()), then, when the
    /// user accepts and nothing differs, the import; imported() follows.
    void openBundle();
    bool isBusy() const { return m_job.isBusy(); }
    QProgressDialog* progressDialog() const { return m_progress; }
    /// Asks the running job to stop (the Cancel button of the progress dialog does this); cancelled()
    /// follows once it has, with nothing written or imported (or the result, when the work was
    /// already done).
    void cancel();

    /// How a file is chosen (replaced in tests): saving or opening, and the start path.
    std::function<QString(bool forSaving, const QString& start)> choosePath;
    /// Shows a verification's result; returns true when the user asks to import the bundle
    /// (only offered when `canImport`). Replaced in tests.
    std::function<bool(const QString& text, const QStringList& differences, bool canImport)> showCheck;
    /// Shows an error (what, where, what to do). Replaced in tests.
    std::function<void(const QString& title, const QString& text)> showError;

signals:
    void statusMessage(const QString& text);
    void exported(const QString& path);
    void checked(const QString& text, const QStringList& differences);
    void imported(qint64 runId);
    void failed(const QString& message);
    void cancelled();
    /// The running job's progress, per mille (as the progress dialog shows it).
    void progressed(int done, int total);

private:
    void startProgress(const QString& label);
    void fail(const QString& title, const QString& message);
    /// After a cancel, or for the core's cancelled error: says so, emits cancelled() and returns true.
    bool wasCancelled(const core::Error* error);
    void importFiles(std::shared_ptr<const core::ZipEntries> files, const QString& path);

    WorkbenchSession& m_session;
    QWidget* m_window;
    JobRunner m_job;
    QProgressDialog* m_progress;
    bool m_importing = false;
    bool m_cancelling = false; ///< cancel() asked the running job to stop; its result is awaited
};

} // namespace baton::ui
