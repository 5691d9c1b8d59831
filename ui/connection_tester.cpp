// SPDX-License-Identifier: MIT
#include "connection_tester.h"

#include <QMetaObject>

namespace baton::ui {

ConnectionTester::ConnectionTester(QObject* parent) : QObject(parent) {}

ConnectionTester::~ConnectionTester() {
    // First, while this object is whole: the loop ends what is in flight as cancelled and joins its
    // thread, so no completion can reach this object afterwards (those it posted are discarded).
    m_loop.reset();
}

void ConnectionTester::test(const core::ModelSpec& model, core::RunEnvironment env) {
    if (!m_loop) m_loop = std::make_unique<core::HttpEventLoop>();
    QString name = QString::fromStdString(model.name);
    // Reported through the event loop even when nothing could be sent, so that a caller always
    // hears after test() returns.
    core::startConnectionCheck(*m_loop, model, env, timeouts, [this, name](core::ConnectionCheck check) {
        QString summary = QString::fromStdString(check.summary);
        if (check.httpStatus != 0) summary += tr(" [%1 ms]").arg(qRound(check.latencyMs));
        QMetaObject::invokeMethod(
            this, [this, name, ok = check.ok, summary] { emit finished(name, ok, summary); }, Qt::QueuedConnection);
    });
}

} // namespace baton::ui
