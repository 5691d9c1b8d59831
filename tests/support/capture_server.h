// SPDX-License-Identifier: MIT
#pragma once
// CaptureServer: a loopback HTTP server that records every request it gets (path with query,
// headers, body) and answers each with one canned response, for tests that check what Baton
// sends and how it reads a provider's reply.

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace baton::test {

struct CapturedRequest {
    std::string method, path, body;
    std::multimap<std::string, std::string, httplib::detail::ci> headers;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

class CaptureServer {
public:
    CaptureServer(int status, std::string contentType, std::string body)
        : m_status(status), m_type(std::move(contentType)), m_body(std::move(body)) {
        m_server.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
            CapturedRequest c{req.method, req.path, req.body, {}};
            for (const auto& [k, v] : req.headers)
                c.headers.emplace(k, v);
            char sep = '?';
            for (const auto& [k, v] : req.params)
                c.path += sep + k + "=" + v, sep = '&';
            {
                std::lock_guard lock(m_mutex);
                m_requests.push_back(std::move(c));
            }
            res.status = m_status;
            res.set_content(m_body, m_type.c_str());
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) // readiness of the listening thread, not a timing guess
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~CaptureServer() {
        m_server.stop();
        if (m_thread.joinable()) m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    std::vector<CapturedRequest> requests() {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

private:
    int m_status;
    std::string m_type, m_body;
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<CapturedRequest> m_requests;
};

} // namespace baton::test
