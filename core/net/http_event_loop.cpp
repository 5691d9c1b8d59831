// SPDX-License-Identifier: MIT
#include "net/http_event_loop.h"

#include <algorithm>
#include <cctype>
#include <curl/curl.h>

namespace baton::core {

using Clock = std::chrono::steady_clock;

std::string toString(HttpFailure failure) {
    switch (failure) {
    case HttpFailure::None:
        return "none";
    case HttpFailure::Connect:
        return "connection failed";
    case HttpFailure::Timeout:
        return "timed out";
    case HttpFailure::FirstByteTimeout:
        return "no response before the first-byte timeout";
    case HttpFailure::IdleTimeout:
        return "the response stalled past the idle timeout";
    case HttpFailure::Dropped:
        return "the connection dropped mid-response";
    case HttpFailure::Cancelled:
        return "cancelled";
    case HttpFailure::Other:
        return "transfer failed";
    }
    return "transfer failed";
}

struct HttpEventLoop::Transfer {
    TransferId id = 0;
    HttpRequest request;
    HttpHandlers handlers;
    CURL* easy = nullptr;
    curl_slist* headerList = nullptr;
    HttpResult result;
    Clock::time_point started;
    Clock::time_point lastByte;
    bool gotByte = false;
    HttpFailure abortedAs = HttpFailure::None;
    char errorBuffer[CURL_ERROR_SIZE] = {};

    ~Transfer() {
        if (easy) curl_easy_cleanup(easy);
        curl_slist_free_all(headerList);
    }
    /// Hands the easy handle back for reuse (reset, so nothing of this request is left on it).
    CURL* releaseEasy() {
        CURL* e = easy;
        easy = nullptr;
        if (e) curl_easy_reset(e);
        return e;
    }

    static size_t onHeader(char* data, size_t size, size_t count, void* user) {
        auto* t = static_cast<Transfer*>(user);
        std::string line(data, size * count);
        if (line.rfind("HTTP/", 0) == 0) t->result.headers.clear(); // a new response (after 100 Continue)
        auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(" \t"));
            value.erase(value.find_last_not_of(" \t\r\n") + 1);
            t->result.headers[name] = value;
        }
        return size * count;
    }

    static size_t onBody(char* data, size_t size, size_t count, void* user) {
        auto* t = static_cast<Transfer*>(user);
        if (t->abortedAs != HttpFailure::None) return 0; // makes libcurl stop this transfer
        auto now = Clock::now();
        if (!t->gotByte) {
            t->gotByte = true;
            t->result.firstByteMs = std::chrono::duration<double, std::milli>(now - t->started).count();
        }
        t->lastByte = now;
        if (t->handlers.onData) t->handlers.onData(std::string_view(data, size * count));
        return size * count;
    }
};

HttpEventLoop::HttpEventLoop() {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, 2048L);
    curl_multi_setopt(m_multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    m_thread = std::thread([this] { run(); });
}

HttpEventLoop::~HttpEventLoop() {
    m_stopping = true;
    curl_multi_wakeup(m_multi);
    m_thread.join();
    for (void* e : m_spareEasy)
        curl_easy_cleanup(static_cast<CURL*>(e));
    curl_multi_cleanup(m_multi);
}

HttpEventLoop::TransferId HttpEventLoop::start(HttpRequest request, HttpHandlers handlers) {
    auto t = std::make_unique<Transfer>();
    t->id = m_nextId++;
    t->request = std::move(request);
    t->handlers = std::move(handlers);
    TransferId id = t->id;
    ++m_inFlight;
    {
        std::lock_guard lock(m_mutex);
        m_toStart.push_back(std::move(t));
    }
    curl_multi_wakeup(m_multi);
    return id;
}

void HttpEventLoop::cancel(TransferId id) {
    {
        std::lock_guard lock(m_mutex);
        m_toCancel.push_back(id);
    }
    curl_multi_wakeup(m_multi);
}

void HttpEventLoop::post(std::function<void()> task) {
    {
        std::lock_guard lock(m_mutex);
        m_posted.push_back(std::move(task));
    }
    curl_multi_wakeup(m_multi);
}

void HttpEventLoop::after(double seconds, std::function<void()> task) {
    auto due = Clock::now() + std::chrono::microseconds(int64_t(std::max(0.0, seconds) * 1e6));
    {
        std::lock_guard lock(m_mutex);
        m_newTimers.push_back({due, 0, std::move(task)});
    }
    curl_multi_wakeup(m_multi);
}

void HttpEventLoop::addTransfer(std::unique_ptr<Transfer> t) {
    // A spare handle keeps its buffers and caches (DNS, TLS session) from its last transfer.
    CURL* e = nullptr;
    if (!m_spareEasy.empty()) {
        e = static_cast<CURL*>(m_spareEasy.back());
        m_spareEasy.pop_back();
    } else {
        e = curl_easy_init();
        ++m_easyCreated;
    }
    t->easy = e;
    const HttpRequest& r = t->request;
    curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L); // a redirect must never carry our key elsewhere
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
    // gzip only: with "" libcurl advertises br and zstd as well, and an upstream (the simulator
    // through cpp-httplib) then spends ~1.5 ms per response on brotli.
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, long(r.timeouts.connectMs));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, long(r.timeouts.totalMs));
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errorBuffer);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
    for (const auto& [name, value] : r.headers)
        t->headerList = curl_slist_append(t->headerList, (name + ": " + value).c_str());
    t->headerList = curl_slist_append(t->headerList, "Expect:"); // no 100-continue round trip
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headerList);
    if (r.method == "POST") {
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data());
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(r.body.size()));
    } else if (r.method != "GET") {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    t->started = t->lastByte = Clock::now();
    curl_multi_add_handle(m_multi, e);
    TransferId id = t->id;
    m_active.emplace(id, std::move(t));
}

void HttpEventLoop::finish(Transfer* t, int code) {
    auto owned = std::move(m_active.at(t->id));
    m_active.erase(t->id);
    curl_multi_remove_handle(m_multi, t->easy);
    HttpResult& result = t->result;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &result.status);
    long requestSize = 0;
    curl_easy_getinfo(t->easy, CURLINFO_REQUEST_SIZE, &requestSize);
    result.requestSent = requestSize > 0;
    result.totalMs = std::chrono::duration<double, std::milli>(Clock::now() - t->started).count();
    if (t->abortedAs != HttpFailure::None) {
        result.failure = t->abortedAs;
    } else if (code != CURLE_OK) {
        switch (code) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
            result.failure = HttpFailure::Connect;
            break;
        case CURLE_OPERATION_TIMEDOUT:
            result.failure = HttpFailure::Timeout;
            break;
        case CURLE_PARTIAL_FILE:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_SEND_ERROR:
        case CURLE_HTTP2_STREAM:
        case CURLE_HTTP2:
            result.failure = HttpFailure::Dropped;
            break;
        default:
            result.failure = HttpFailure::Other;
        }
        result.error = t->errorBuffer[0] ? t->errorBuffer : curl_easy_strerror(CURLcode(code));
    }
    if (result.failure != HttpFailure::None && result.error.empty()) result.error = toString(result.failure);
    --m_inFlight;
    if (CURL* spare = owned->releaseEasy(); spare && m_spareEasy.size() < kMaxSpareEasy) m_spareEasy.push_back(spare);
    else if (spare)
        curl_easy_cleanup(spare);
    if (owned->handlers.onDone) owned->handlers.onDone(std::move(result));
}

void HttpEventLoop::enforceTimeouts() {
    auto now = Clock::now();
    std::vector<Transfer*> expired;
    for (auto& [id, t] : m_active) {
        if (t->abortedAs != HttpFailure::None) continue;
        double sinceStart = std::chrono::duration<double, std::milli>(now - t->started).count();
        double sinceByte = std::chrono::duration<double, std::milli>(now - t->lastByte).count();
        if (!t->gotByte && sinceStart > t->request.timeouts.firstByteMs)
            t->abortedAs = HttpFailure::FirstByteTimeout;
        else if (t->gotByte && sinceByte > t->request.timeouts.idleMs)
            t->abortedAs = HttpFailure::IdleTimeout;
        else
            continue;
        expired.push_back(t.get());
    }
    for (Transfer* t : expired)
        finish(t, CURLE_OK);
}

void HttpEventLoop::drainCommands() {
    std::vector<std::unique_ptr<Transfer>> toStart;
    std::vector<TransferId> toCancel;
    std::vector<std::function<void()>> posted;
    std::vector<Timer> timers;
    {
        std::lock_guard lock(m_mutex);
        toStart.swap(m_toStart);
        toCancel.swap(m_toCancel);
        posted.swap(m_posted);
        timers.swap(m_newTimers);
    }
    for (auto& t : toStart)
        addTransfer(std::move(t));
    for (auto& timer : timers)
        m_timers.emplace(timer.due, std::move(timer.task));
    for (TransferId id : toCancel) {
        auto it = m_active.find(id);
        if (it == m_active.end()) continue;
        it->second->abortedAs = HttpFailure::Cancelled;
        finish(it->second.get(), CURLE_OK);
    }
    for (auto& task : posted)
        task();
}

int HttpEventLoop::runTimers() {
    auto now = Clock::now();
    while (!m_timers.empty() && m_timers.begin()->first <= now) {
        auto task = std::move(m_timers.begin()->second);
        m_timers.erase(m_timers.begin());
        task();
    }
    int wait = 50; // also the granularity of first-byte and idle timeouts
    if (!m_timers.empty())
        wait = std::clamp(
            int(std::chrono::duration_cast<std::chrono::milliseconds>(m_timers.begin()->first - now).count()), 0, wait);
    return wait;
}

void HttpEventLoop::run() {
    while (!m_stopping) {
        drainCommands();
        int running = 0;
        curl_multi_perform(m_multi, &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(m_multi, &queued)) {
            if (msg->msg != CURLMSG_DONE) continue;
            Transfer* t = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
            finish(t, msg->data.result);
        }
        enforceTimeouts();
        int wait = runTimers();
        curl_multi_poll(m_multi, nullptr, 0, wait, nullptr);
    }
    // Shut down: everything in flight ends as cancelled, so no caller waits forever.
    drainCommands();
    while (!m_active.empty()) {
        Transfer* t = m_active.begin()->second.get();
        t->abortedAs = HttpFailure::Cancelled;
        finish(t, CURLE_OK);
    }
}

} // namespace baton::core
