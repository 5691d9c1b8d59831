// SPDX-License-Identifier: MIT
#include "bundle_actions.h"
#include "save_target.h"
#include "settings.h"
#include "workbench_session.h"
#include "util/json_text.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <nlohmann/json.hpp>

namespace baton::ui {
namespace {

QString errorText(const core::Error& e) {
    return QString::fromStdString(e.describe());
}

// What the manifest says the bundle holds, then what the recomputation found.
QString checkText(const QString& path, const core::ZipEntries& files, const core::BundleCheck& check) {
    QString head = QFileInfo(path).fileName();
    auto manifest = core::parseJsonOrDiscarded(files.at("manifest.json"));
    if (manifest.is_object()) {
        // Each field read with its type checked: a hand-made manifest must not throw here.
        auto field = [&](const char* name) {
            auto it = manifest.find(name);
            return it == manifest.end() ? nlohmann::json() : *it;
        };
        auto text = [&](const char* name) {
            auto value = field(name);
            return QString::fromStdString(value.is_string() ? value.get<std::string>() : std::string("?"));
        };
        auto runId = field("run_id"), listed = field("files");
        head = QCoreApplication::translate("BundleActions",
                                           "%1: run %2 exported by Baton %3, task set %4, %5 files listed")
                   .arg(QFileInfo(path).fileName(),
                        runId.is_number_integer() ? QString::number(runId.get<int64_t>()) : QStringLiteral("?"),
                        text("baton_version"), text("task_set_hash").left(12))
                   .arg(listed.is_object() ? listed.size() : 0);
    }
    return QCoreApplication::translate("BundleActions",
                                       "%1.\nRecomputed from the bundle alone (no API call): %2 files, %3 calls, %4 "
                                       "outcomes, %5 report figures and %6 charts: %7 differences.")
        .arg(head)
        .arg(check.filesChecked)
        .arg(check.callsChecked)
        .arg(check.outcomesChecked)
        .arg(check.figuresChecked)
        .arg(check.chartsChecked)
        .arg(check.differences.size());
}

struct Opened {
    std::shared_ptr<const core::ZipEntries> files;
    core::Result<core::BundleCheck> check = core::BundleCheck{};
};

} // namespace

BundleActions::BundleActions(WorkbenchSession& session, QWidget* window)
    : QObject(window), m_session(session), m_window(window), m_progress(new QProgressDialog(window)) {
    choosePath = [this](bool forSaving, const QString& start) {
        QString filter = tr("Run bundles (*.zip);;All files (*)");
        return forSaving ? QFileDialog::getSaveFileName(m_window, tr("Export run bundle"), start, filter)
                         : QFileDialog::getOpenFileName(m_window, tr("Open bundle"), start, filter);
    };
    showCheck = [this](const QString& text, const QStringList& differences, bool canImport) {
        QMessageBox box(differences.isEmpty() ? QMessageBox::Information : QMessageBox::Warning, tr("Open bundle"),
                        text, QMessageBox::Close, m_window);
        if (!differences.isEmpty()) {
            box.setInformativeText(tr("The bundle cannot be imported: what differs is listed under Details."));
            box.setDetailedText(differences.join('\n'));
        }
        QPushButton* import =
            canImport ? box.addButton(tr("Import into this workspace"), QMessageBox::AcceptRole) : nullptr;
        box.exec();
        return import && box.clickedButton() == import;
    };
    showError = [this](const QString& title, const QString& text) { QMessageBox::warning(m_window, title, text); };
    m_progress->setWindowTitle(tr("Run bundle"));
    m_progress->setMinimumDuration(400);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->reset();
    connect(m_progress, &QProgressDialog::canceled, this, &BundleActions::cancel);
    connect(&m_job, &JobRunner::progress, this, [this](int done, int total) {
        emit progressed(done, total);
        if (m_cancelling) return; // reports still queued would show the dialog again (setValue shows it)
        if (m_progress->maximum() != total) m_progress->setMaximum(total);
        m_progress->setValue(done);
    });
    connect(&m_job, &JobRunner::busyChanged, this, [this](bool busy) {
        if (busy) return;
        m_progress->reset();
        m_progress->hide(); // reset() hides only an auto-closing dialog
    });
}

void BundleActions::startProgress(const QString& label) {
    m_cancelling = m_importing = false;
    m_progress->setLabelText(label);
    m_progress->setCancelButtonText(tr("Cancel"));
    m_progress->setRange(0, 1000); // the core reports per mille: per call, outcome and file
    m_progress->setValue(0);       // shown only if the work takes longer than the minimum duration
}

void BundleActions::cancel() {
    if (!m_job.isBusy() || m_cancelling) return;
    m_cancelling = true;
    // The stop token: the core bundle functions stop between two steps and leave nothing behind.
    // The job's result is still delivered, so what happened is said as it is (work that was
    // already finished when the cancel came is reported as done, never as cancelled).
    m_job.finish();
    m_progress->reset();
    m_progress->hide();
    emit statusMessage(tr("Cancelling..."));
}

bool BundleActions::wasCancelled(const core::Error* error) {
    if (!m_cancelling && !(error && core::isBundleCancelled(*error))) return false;
    if (error && !core::isBundleCancelled(*error)) return false; // a real failure is still shown
    m_cancelling = false;
    emit statusMessage(m_importing ? tr("Cancelled: nothing was imported; the workspace is unchanged.")
                                   : tr("Cancelled: nothing was written or imported."));
    emit cancelled();
    return true;
}

void BundleActions::fail(const QString& title, const QString& message) {
    emit statusMessage(message);
    emit failed(message);
    showError(title, message);
}

void BundleActions::exportRun(qint64 runId) {
    if (runId <= 0 || m_job.isBusy()) return;
    QString folder = settings::bundleFolder.get();
    QString name = QStringLiteral("run-%1.zip").arg(runId);
    QString path = choosePath(true, folder.isEmpty() ? name : folder + '/' + name);
    if (path.isEmpty()) return;
    if (!path.endsWith(".zip", Qt::CaseInsensitive)) path += ".zip";
    if (QString clash = workspaceClash(path, m_session.path()); !clash.isEmpty())
        return fail(tr("Export run bundle"), tr("Run %1 was not exported: %2").arg(runId).arg(clash));
    auto reader = m_session.reader();
    if (!reader) return fail(tr("Export run bundle"), errorText(reader.error()));
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    std::string version = QCoreApplication::applicationVersion().toStdString();
    if (version.empty()) version = "unknown";
    startProgress(tr("Writing run %1 to %2...").arg(runId).arg(path));
    emit statusMessage(tr("Exporting run %1...").arg(runId));
    m_job.run<core::Status>(
        [db, runId, version, target = path.toStdString()](std::stop_token stop,
                                                          const JobRunner::Progress& progress) -> core::Status {
            core::BundleProgress whole{progress, stop};
            auto files = core::buildRunBundle(*db, runId, version, whole.slice(0, 400));
            if (!files) return std::unexpected(files.error());
            // The zip goes to a .part file renamed over the target when whole: a cancel or a
            // failure half-way leaves the target as it was and no .part behind.
            return core::writeZip(target, *files, whole.slice(400, 1000));
        },
        [this, runId, path](const core::Status& ok) {
            if (!ok && wasCancelled(&ok.error())) return;
            if (!ok)
                return fail(
                    tr("Export run bundle"),
                    tr("Run %1 was not exported to %2: %3\nChoose another folder or file name; nothing was changed.")
                        .arg(runId)
                        .arg(path, errorText(ok.error())));
            settings::bundleFolder.set(QFileInfo(path).absolutePath());
            emit statusMessage(tr("Exported run %1 to %2").arg(runId).arg(path) +
                               (m_cancelling ? tr(" (finished before the cancel arrived)") : QString()));
            m_cancelling = false;
            emit exported(path);
        });
}

void BundleActions::openBundle() {
    if (m_job.isBusy()) return;
    QString path = choosePath(false, settings::bundleFolder.get());
    if (path.isEmpty()) return;
    startProgress(tr("Reading and verifying %1...").arg(path));
    emit statusMessage(tr("Verifying %1...").arg(path));
    m_job.run<Opened>(
        [target = path.toStdString()](std::stop_token stop, const JobRunner::Progress& progress) {
            core::BundleProgress whole{progress, stop};
            Opened opened;
            auto files = core::readZip(target, whole.slice(0, 300));
            if (!files) {
                opened.check = std::unexpected(files.error());
                return opened;
            }
            opened.files = std::make_shared<const core::ZipEntries>(std::move(*files));
            opened.check = core::verifyRunBundle(*opened.files, whole.slice(300, 1000));
            return opened;
        },
        [this, path](const Opened& opened) {
            // Only read: a check finished when the cancel came is dropped with nothing done.
            if (wasCancelled(opened.check ? nullptr : &opened.check.error())) return;
            if (!opened.check)
                return fail(tr("Open bundle"), tr("%1 could not be read as a run bundle: %2\nExport the run again with "
                                                  "File > Export run bundle or `baton-cli bundle export`.")
                                                   .arg(path, errorText(opened.check.error())));
            settings::bundleFolder.set(QFileInfo(path).absolutePath());
            QStringList differences;
            for (const auto& d : opened.check->differences)
                differences << QString::fromStdString(d);
            QString text = checkText(path, *opened.files, *opened.check);
            emit statusMessage(text.section('\n', 1));
            emit checked(text, differences);
            // Offered only when nothing differs; a bundle that does not verify is never imported.
            bool wanted = showCheck(text, differences, differences.isEmpty());
            if (wanted && differences.isEmpty()) importFiles(opened.files, path);
        });
}

void BundleActions::importFiles(std::shared_ptr<const core::ZipEntries> files, const QString& path) {
    startProgress(tr("Importing %1...").arg(path));
    m_importing = true;
    core::StoreWriter* writer = &m_session.writer();
    using Imported = core::Result<core::ImportedBundle>;
    m_job.run<Imported>(
        [writer, files](std::stop_token stop, const JobRunner::Progress& progress) -> Imported {
            core::ImportedBundle imported;
            // One writer operation: a cancel (the stop token, watched per call stored) or a
            // failure rolls back everything it inserted.
            auto done = writer->submit([&imported, files, stop, &progress](core::SqliteDb& conn) -> core::Status {
                auto result = core::importRunBundle(conn, *files, core::BundleProgress{progress, stop});
                if (!result) return std::unexpected(result.error());
                imported = *result;
                return {};
            });
            if (auto ok = done.get(); !ok) return std::unexpected(ok.error());
            return imported;
        },
        [this, path](const Imported& result) {
            bool cancelled = !result && wasCancelled(&result.error());
            m_importing = false;
            if (cancelled) return;
            if (!result)
                return fail(
                    tr("Import bundle"),
                    tr("%1 was not imported; the workspace is unchanged: %2").arg(path, errorText(result.error())));
            emit statusMessage((result->alreadyThere
                                    ? tr("%1 was imported before, as run %2; nothing was added").arg(path).arg(result->runId)
                                    : tr("Imported %1 as run %2").arg(path).arg(result->runId)) +
                               (m_cancelling ? tr(" (stored before the cancel arrived)") : QString()));
            m_cancelling = false;
            m_session.announceRunsChanged();
            emit imported(result->runId);
        });
}

} // namespace baton::ui
