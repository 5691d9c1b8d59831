// SPDX-License-Identifier: MIT
// libFuzzer: Retry-After and retry-after-ms. A value is never negative or past the cap.
#include "net/retry_policy.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::string value(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::map<std::string, std::string> headers{{data[0] & 1 ? "retry-after-ms" : "retry-after", value}};
    auto seconds = baton::core::retryAfterSeconds(headers, std::chrono::system_clock::time_point{});
    if (seconds && !(*seconds >= 0 && *seconds <= baton::core::kRetryAfterCapSeconds)) std::abort();
    return 0;
}
