// SPDX-License-Identifier: MIT
// Runs a command and writes its wall time, peak resident memory (getrusage ru_maxrss of the
// child) and exit code as one JSON line to OUT; the command's own output goes where ours goes.
//
//   bench_peak_rss OUT COMMAND [ARGS...]

#include <chrono>
#include <cstdio>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_peak_rss OUT COMMAND [ARGS...]\n");
        return 2;
    }
    auto start = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid < 0) return std::perror("fork"), 1;
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        std::perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) < 0) return std::perror("wait4"), 1;
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::FILE* out = std::fopen(argv[1], "w");
    if (!out) return std::perror(argv[1]), 1;
    std::fprintf(out, "{\"wall_s\": %.4f, \"max_rss_kb\": %ld, \"cpu_s\": %.4f, \"exit\": %d}\n", wall,
                 usage.ru_maxrss,
                 double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6,
                 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    std::fclose(out);
    return 0;
}
