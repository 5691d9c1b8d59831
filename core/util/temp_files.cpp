// SPDX-License-Identifier: MIT
#include "util/temp_files.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace baton::core {
namespace {

// A slot is free (0), being filled or emptied (1), or holds a path (2). The handler reads only
// slots holding a path, with nothing but unlink(), which is async-signal-safe.
struct Slot {
    std::atomic<int> state{0};
    char path[PATH_MAX];
};
Slot g_slots[SignalledTemporary::kMaxTemporaries];

void onSignal(int sig) {
    int saved = errno;
    for (auto& slot : g_slots)
        if (slot.state.load(std::memory_order_acquire) == 2) ::unlink(slot.path);
    errno = saved;
    ::signal(sig, SIG_DFL);
    ::raise(sig); // delivered when this handler returns: the process ends by the signal
}

} // namespace

SignalledTemporary::SignalledTemporary(const std::string& path) {
    if (path.size() >= PATH_MAX) return;
    for (int i = 0; i < kMaxTemporaries; ++i) {
        int expected = 0;
        if (!g_slots[i].state.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) continue;
        std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
        g_slots[i].state.store(2, std::memory_order_release);
        m_slot = i;
        return;
    }
}

SignalledTemporary::~SignalledTemporary() {
    if (m_slot >= 0) g_slots[m_slot].state.store(0, std::memory_order_release);
}

void removeTemporariesOnSignals() {
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction before {};
        // A signal the shell ignored (`nohup`, a background job's SIGINT) stays ignored.
        if (::sigaction(sig, nullptr, &before) == 0 && before.sa_handler == SIG_IGN) continue;
        ::sigaction(sig, &action, nullptr);
    }
}

} // namespace baton::core
