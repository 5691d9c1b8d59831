// SPDX-License-Identifier: MIT
#include "crash_report.h"

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace baton::monkey {
namespace {

// Prepared before any crash: a signal handler may not allocate.
char g_path[4096];
char g_pid[32];
char g_gdb[4096] = "/usr/bin/gdb";
int g_logFd = -1;

bool runGdb(const char* path) {
    pid_t child = fork();
    if (child < 0) return false;
    if (child == 0) {
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) dup2(fd, 1), dup2(fd, 2);
        execl(g_gdb, "gdb", "-p", g_pid, "-batch", "-nx", "-ex", "set pagination off", "-ex",
               "thread apply all bt", static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void onFatalSignal(int signal) {
    if (g_logFd >= 0) {
        const char* name = strsignal(signal);
        (void)!write(g_logFd, "crash: ", 7);
        (void)!write(g_logFd, name, strlen(name));
        (void)!write(g_logFd, "; backtrace in ", 15);
        (void)!write(g_logFd, g_path, strlen(g_path));
        (void)!write(g_logFd, "\n", 1);
    }
    runGdb(g_path);
    std::signal(signal, SIG_DFL);
    raise(signal);
}

void prepare(const std::string& path) {
    std::snprintf(g_path, sizeof g_path, "%s", path.c_str());
    std::snprintf(g_pid, sizeof g_pid, "%d", int(getpid()));
    prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0); // let the gdb child attach to its parent
}

} // namespace

bool saveBacktrace(const std::string& path) {
    prepare(path);
    return runGdb(g_path);
}

void installCrashHandler(const std::string& path, int logFd) {
    prepare(path);
    g_logFd = logFd;
    struct sigaction action {};
    action.sa_handler = onFatalSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    for (int s : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
        sigaction(s, &action, nullptr);
}

} // namespace baton::monkey
