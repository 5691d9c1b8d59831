// SPDX-License-Identifier: MIT
// libFuzzer: a chat request body as the simulator receives it.
#include "sim/chat_request.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    (void)baton::core::parseChatRequest(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
