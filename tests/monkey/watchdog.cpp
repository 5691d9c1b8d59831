// SPDX-License-Identifier: MIT
#include "watchdog.h"

#include <QMetaObject>
#include <cstdlib>

namespace baton::monkey {

namespace {
constexpr int64_t kSlowUs = 100'000; // a ping answered after 100 ms is a visible stutter
}

Watchdog::Watchdog(QObject* guiObject, std::chrono::milliseconds interval, std::chrono::milliseconds hangLimit,
                   std::function<void(double)> onSlow, std::function<void(std::chrono::milliseconds)> onHang)
    : m_gui(guiObject), m_interval(interval), m_hangLimit(hangLimit), m_onSlow(std::move(onSlow)),
      m_onHang(std::move(onHang)),
      m_thread([this](std::stop_token stop) { loop(stop); }) {}

Watchdog::~Watchdog() {
    m_thread.request_stop();
    m_thread.join();
}

void Watchdog::loop(std::stop_token stop) {
    using Clock = std::chrono::steady_clock;
    for (int64_t sent = 1; !stop.stop_requested(); ++sent) {
        auto start = Clock::now();
        QMetaObject::invokeMethod(
            m_gui,
            [this, sent, start] {
                m_answered = sent;
                auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
                if (us > kSlowUs) m_onSlow(double(us) / 1000.0);
            },
            Qt::QueuedConnection);
        while (m_answered < sent && !stop.stop_requested()) {
            auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
            if (waited > m_hangLimit) {
                m_onHang(waited);
                std::abort();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        if (stop.stop_requested()) return;
        auto latency = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
        ++m_pings;
        if (latency > kSlowUs) ++m_slow;
        if (latency > m_maxLatencyUs) m_maxLatencyUs = latency;
        std::this_thread::sleep_for(m_interval);
    }
}

} // namespace baton::monkey
