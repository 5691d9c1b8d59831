// SPDX-License-Identifier: MIT
#pragma once
/// Temporary files that a signal must not leave behind. A writer replaces its target through a
/// temporary file beside it; SIGTERM or Ctrl+C in the middle ended the process with
/// `.NAME.tmp-XXXXXX` (or `NAME.part`) left in the user's folder. A writer registers its temporary
/// file while it exists; the handlers removeTemporariesOnSignals() installs unlink every one
/// registered, then end the process by the same signal as before. (kill -9 cannot be caught: its
/// temporary keeps its clear name, and the next write of the same target does not use it.)

#include <string>

namespace baton::core {

/// Registers `path` for removal on a signal while this object lives. At most a few are held at
/// once (kMaxTemporaries); past that the path is simply not registered.
class SignalledTemporary {
public:
    static constexpr int kMaxTemporaries = 8;
    explicit SignalledTemporary(const std::string& path);
    ~SignalledTemporary();
    SignalledTemporary(const SignalledTemporary&) = delete;
    SignalledTemporary& operator=(const SignalledTemporary&) = delete;

private:
    int m_slot = -1;
};

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the registered temporary files and
/// then die of the signal (the exit status a shell expects). A signal blocked by the caller (a
/// command that stops cleanly on it) never reaches them.
void removeTemporariesOnSignals();

} // namespace baton::core
