// SPDX-License-Identifier: MIT
#pragma once
// ConnectionTester: "Test connection" for one model, off the GUI thread: the endpoint's free
// model listing (no tokens spent), reported back as a queued signal.

#include "run/connection_check.h"

#include <QObject>
#include <memory>
#include <thread>
#include <vector>

namespace baton::ui {

class ConnectionTester : public QObject {
    Q_OBJECT
public:
    explicit ConnectionTester(QObject* parent = nullptr);
    ~ConnectionTester() override; ///< waits for tests in flight (each ends within its timeouts)

    void test(const core::ModelSpec& model, core::RunEnvironment env);

signals:
    void finished(const QString& modelName, bool ok, const QString& summary);

private:
    std::unique_ptr<core::HttpEventLoop> m_loop;
    std::vector<std::jthread> m_threads;
};

} // namespace baton::ui
