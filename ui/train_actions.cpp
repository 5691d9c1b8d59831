// SPDX-License-Identifier: MIT
#include "train_actions.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace baton::ui {

TrainActions::TrainActions(const Texts& texts, JobRunner& runner, QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_train = new QPushButton(texts.train, this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(texts.cancelTip);
    m_save = new QPushButton(texts.save, this);
    m_save->setToolTip(texts.saveTip);
    m_addToPool = new QPushButton(tr("Add to pool"), this);
    m_addToPool->setToolTip(texts.addTip);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->setVisible(false);
    for (auto* b : {m_train, m_cancel, m_save, m_addToPool}) bar->addWidget(b);
    bar->addWidget(m_progress);
    bar->addStretch(1);
    layout->addLayout(bar);
    m_status = new QLabel(texts.status, this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_cancel->setEnabled(false);
    allow(false, false);
    connect(&runner, &JobRunner::busyChanged, this, [this](bool busy) {
        m_cancel->setEnabled(busy);
        m_progress->setVisible(busy);
        m_train->setEnabled(!busy);
    });
}

void TrainActions::setStatus(const QString& text) {
    m_status->setText(text);
}

QString TrainActions::status() const {
    return m_status->text();
}

void TrainActions::allow(bool save, bool add) {
    m_save->setEnabled(save);
    m_addToPool->setEnabled(add);
}

void TrainActions::fail(const QString& message) {
    setStatus(message);
    emit failed(message);
}

bool TrainActions::refuse(const QString& why, QString* error) {
    setStatus(why);
    if (error) *error = why;
    return false;
}

void saveVersioned(JobRunner& runner, core::StoreWriter& writer, std::function<core::Result<int>(core::SqliteDb&)> write,
                   std::function<void(int version, const QString& error)> done) {
    struct Saved {
        int version = 0;
        QString error;
    };
    runner.run<Saved>(
        [&writer, write = std::move(write)](std::stop_token, const JobRunner::Progress&) {
            Saved out;
            auto written = writer
                               .submit([&](core::SqliteDb& db) -> core::Status {
                                   auto version = write(db);
                                   if (!version) return std::unexpected(version.error());
                                   out.version = *version;
                                   return {};
                               })
                               .get();
            if (!written) out.error = QString::fromStdString(written.error().describe());
            return out;
        },
        [done = std::move(done)](const Saved& result) { done(result.version, result.error); });
}

} // namespace baton::ui
