// SPDX-License-Identifier: MIT
#include "connection_tester.h"

#include <QMetaObject>
#include <QPointer>

namespace baton::ui {

ConnectionTester::ConnectionTester(QObject* parent) : QObject(parent) {}

ConnectionTester::~ConnectionTester() {
    m_threads.clear(); // joins
}

void ConnectionTester::test(const core::ModelSpec& model, core::RunEnvironment env) {
    if (!m_loop) m_loop = std::make_unique<core::HttpEventLoop>();
    QPointer<ConnectionTester> self(this);
    core::HttpEventLoop* loop = m_loop.get();
    m_threads.emplace_back([self, loop, model, env = std::move(env)] {
        core::HttpTimeouts timeouts;
        timeouts.firstByteMs = 15000;
        timeouts.totalMs = 20000;
        core::ConnectionCheck check = core::checkConnection(*loop, model, env, timeouts);
        QString name = QString::fromStdString(model.name);
        QString summary = QString::fromStdString(check.summary);
        if (check.httpStatus != 0) summary += QObject::tr(" [%1 ms]").arg(qRound(check.latencyMs));
        QMetaObject::invokeMethod(
            self,
            [self, name, ok = check.ok, summary] {
                if (self) emit self->finished(name, ok, summary);
            },
            Qt::QueuedConnection);
    });
}

} // namespace baton::ui
