// SPDX-License-Identifier: MIT
#pragma once
// TrainActions: the action bar of a training page (the Replay lab's router tab, the Training
// lab): Train, Cancel, Save, Add to pool, a progress bar and the status line, kept in step with
// the page's JobRunner (Cancel and the progress bar while it is busy, Train when it is not).
// saveVersioned() saves a trained object as the next version of its name off the GUI thread.

#include "job_runner.h"
#include "store/store_writer.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace baton::ui {

class TrainActions : public QWidget {
    Q_OBJECT
public:
    struct Texts {
        QString train, save, saveTip, addTip, cancelTip, status;
    };
    TrainActions(const Texts& texts, JobRunner& runner, QWidget* parent = nullptr);

    QPushButton* trainButton() const { return m_train; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* addButton() const { return m_addToPool; }
    QProgressBar* progressBar() const { return m_progress; }
    void setStatus(const QString& text);
    QString status() const;
    /// What may be done with the result: saved (Save) and added (Add to pool, once saved).
    void allow(bool save, bool add);
    /// Shows `message` and emits failed(message).
    void fail(const QString& message);
    /// Shows why an action is refused and copies it to `*error` when given; returns false.
    bool refuse(const QString& why, QString* error);

signals:
    void failed(const QString& message);

private:
    QPushButton* m_train;
    QPushButton* m_cancel;
    QPushButton* m_save;
    QPushButton* m_addToPool;
    QProgressBar* m_progress;
    QLabel* m_status;
};

/// Runs `write(db)` (which saves and returns the version saved) in one writer operation on
/// `runner`; `done(version, error)` follows on the GUI thread, `error` empty on success.
void saveVersioned(JobRunner& runner, core::StoreWriter& writer, std::function<core::Result<int>(core::SqliteDb&)> write,
                   std::function<void(int version, const QString& error)> done);

} // namespace baton::ui
