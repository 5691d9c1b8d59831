// SPDX-License-Identifier: MIT
#pragma once
// ConnectionTester: "Test connection" for one model: the endpoint's free model listing (no
// tokens spent), sent on the tester's HTTP event loop with no thread of its own, and reported back
// as a queued signal. Closing cancels the tests in flight; it waits for no timeout.

#include "run/connection_check.h"

#include <QObject>
#include <memory>

namespace baton::ui {

class ConnectionTester : public QObject {
    Q_OBJECT
public:
    explicit ConnectionTester(QObject* parent = nullptr);
    ~ConnectionTester() override; ///< cancels the tests in flight: their results are not reported

    void test(const core::ModelSpec& model, core::RunEnvironment env);

    /// How long a test waits for the endpoint (replaced in tests).
    core::HttpTimeouts timeouts = [] {
        core::HttpTimeouts t;
        t.firstByteMs = 15000;
        t.totalMs = 20000;
        return t;
    }();

signals:
    void finished(const QString& modelName, bool ok, const QString& summary);

private:
    std::unique_ptr<core::HttpEventLoop> m_loop;
};

} // namespace baton::ui
