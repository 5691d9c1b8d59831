// SPDX-License-Identifier: MIT
#pragma once
// A small blocking libcurl client for tests that talk to the simulator over real HTTP.
// (The product's own transport is the multi-handle event loop in core/net.)

#include <map>
#include <string>
#include <vector>

struct HttpResult {
    int curlCode = 0; ///< CURLE_OK = 0
    long status = 0;
    std::map<std::string, std::string> headers; ///< lowercased names
    std::string body;

    /// The data: payloads of an SSE body, in order.
    std::vector<std::string> sseData() const;
};

HttpResult httpPost(const std::string& url, const std::string& body, long timeoutMs = 20000);
HttpResult httpGet(const std::string& url, long timeoutMs = 20000);
