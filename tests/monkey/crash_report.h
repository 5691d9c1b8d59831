// SPDX-License-Identifier: MIT
#pragma once
// Backtraces of this process written by gdb (attached from a child): on a fatal signal, and on
// demand when the GUI thread stops answering.

#include <string>

namespace baton::monkey {

/// Writes every thread's backtrace to `path` (gdb -p <this process>); false if gdb could not run.
bool saveBacktrace(const std::string& path);
/// On SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT: a line to `logFd`, the backtrace to `path`,
/// then the signal's default action.
void installCrashHandler(const std::string& path, int logFd);

} // namespace baton::monkey
