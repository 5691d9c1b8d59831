// SPDX-License-Identifier: MIT
#pragma once
// Watchdog: pings the GUI thread from its own thread (a queued call, answered when the event
// loop runs) and measures each answer; a ping unanswered for longer than the hang limit saves
// every thread's backtrace and aborts, so that a freeze ends as a report instead of a stuck job.

#include <QObject>
#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace baton::monkey {

class Watchdog {
public:
    /// `onSlow` runs on the GUI thread for an answer later than 100 ms; `onHang` on the watchdog's
    /// thread (the GUI thread is stuck) before abort().
    Watchdog(QObject* guiObject, std::chrono::milliseconds interval, std::chrono::milliseconds hangLimit,
             std::function<void(double latencyMs)> onSlow, std::function<void(std::chrono::milliseconds waited)> onHang);
    ~Watchdog();

    int64_t pings() const { return m_pings; }
    double maxLatencyMs() const { return double(m_maxLatencyUs) / 1000.0; }
    /// Pings answered later than `slowMs`.
    int64_t slowPings() const { return m_slow; }

private:
    void loop(std::stop_token stop);

    QObject* m_gui;
    std::chrono::milliseconds m_interval, m_hangLimit;
    std::function<void(double)> m_onSlow;
    std::function<void(std::chrono::milliseconds)> m_onHang;
    std::atomic<int64_t> m_pings{0}, m_maxLatencyUs{0}, m_slow{0}, m_answered{0};
    std::jthread m_thread;
};

} // namespace baton::monkey
