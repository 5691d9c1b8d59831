// SPDX-License-Identifier: MIT
// The reference client: a raw libcurl multi loop, keep-alive, K requests in flight, N requests in
// all, against an OpenAI-compatible endpoint (the simulator). Baton's engine is measured against
// it: calls per CPU-second and added latency. Prints one JSON line.
//
// bench_raw_curl URL BODY_FILE N IN_FLIGHT
//
// BODY_FILE is one request body, or, when it ends in .jsonl, one body a line, sent in turn (the
// bodies Baton sent in a run, so that the simulator does the same work for both clients). Like
// Baton, it asks for gzip only.

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Slot {
    CURL* easy = nullptr;
    const std::string* request = nullptr;
    std::string body;
    Clock::time_point started;
};

size_t onBody(char* data, size_t size, size_t n, void* user) {
    static_cast<Slot*>(user)->body.append(data, size * n);
    return size * n;
}

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s URL BODY_FILE N IN_FLIGHT\n", argv[0]);
        return 2;
    }
    std::string url = argv[1];
    std::string bodyFile = argv[2];
    std::ifstream in(bodyFile);
    std::vector<std::string> requests;
    if (bodyFile.ends_with(".jsonl")) {
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) requests.push_back(line);
    } else {
        std::stringstream text;
        text << in.rdbuf();
        requests.push_back(text.str());
    }
    if (requests.empty() || requests.front().empty()) {
        std::fprintf(stderr, "%s: no request body in %s\n", argv[0], argv[2]);
        return 2;
    }
    long total = std::stol(argv[3]);
    long inFlight = std::stol(argv[4]);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM* multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, long(inFlight + 16));
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");
    std::vector<Slot> slots(static_cast<size_t>(inFlight));
    std::vector<double> latencies;
    latencies.reserve(size_t(total));
    long started = 0, ok = 0, failed = 0;
    auto start = [&](Slot& s) {
        if (!s.easy) {
            s.easy = curl_easy_init();
            curl_easy_setopt(s.easy, CURLOPT_URL, url.c_str());
            curl_easy_setopt(s.easy, CURLOPT_HTTPHEADER, headers);
            curl_easy_setopt(s.easy, CURLOPT_ACCEPT_ENCODING, "gzip");
            curl_easy_setopt(s.easy, CURLOPT_WRITEFUNCTION, &onBody);
            curl_easy_setopt(s.easy, CURLOPT_WRITEDATA, &s);
            curl_easy_setopt(s.easy, CURLOPT_PRIVATE, &s);
        }
        s.request = &requests[size_t(started) % requests.size()];
        curl_easy_setopt(s.easy, CURLOPT_POSTFIELDS, s.request->c_str());
        curl_easy_setopt(s.easy, CURLOPT_POSTFIELDSIZE, long(s.request->size()));
        s.body.clear();
        s.started = Clock::now();
        curl_multi_add_handle(multi, s.easy);
        ++started;
    };
    double cpu0 = cpuSeconds();
    auto wall0 = Clock::now();
    for (auto& s : slots)
        if (started < total) start(s);
    int running = 1;
    while (ok + failed < total) {
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
            if (msg->msg != CURLMSG_DONE) continue;
            Slot* s = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &s);
            long status = 0;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
            latencies.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s->started).count());
            (msg->data.result == CURLE_OK && status == 200 ? ok : failed)++;
            curl_multi_remove_handle(multi, s->easy);
            if (started < total) start(*s);
        }
        curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    }
    double wall = std::chrono::duration<double>(Clock::now() - wall0).count();
    double cpu = cpuSeconds() - cpu0;
    std::printf("{\"client\":\"raw-libcurl\",\"calls\":%ld,\"failed\":%ld,\"in_flight\":%ld,\"wall_s\":%.4f,"
                "\"cpu_s\":%.4f,\"cpu_us_per_call\":%.2f,\"calls_per_cpu_s\":%.1f,\"p50_us\":%.1f,\"p99_us\":%.1f}\n",
                ok, failed, inFlight, wall, cpu, cpu * 1e6 / double(std::max(1L, ok)), double(ok) / std::max(cpu, 1e-9),
                percentile(latencies, 0.5), percentile(latencies, 0.99));
    for (auto& s : slots)
        if (s.easy) curl_easy_cleanup(s.easy);
    curl_slist_free_all(headers);
    curl_multi_cleanup(multi);
    return failed == 0 ? 0 : 1;
}
