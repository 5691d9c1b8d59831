// SPDX-License-Identifier: MIT
// libFuzzer: the SSE parser. The events must not depend on where the bytes are split.
#include "net/sse_parser.h"

#include <cstdint>
#include <cstdlib>

namespace {

std::vector<baton::core::SseEvent> parse(std::string_view bytes, size_t cut) {
    baton::core::SseParser parser;
    std::vector<baton::core::SseEvent> events;
    parser.feed(bytes.substr(0, cut), events);
    parser.feed(bytes.substr(cut), events);
    parser.finish(events);
    return events;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto whole = parse(bytes, size);
    if (size > 1 && !(parse(bytes, data[0] % size) == whole)) std::abort();
    return 0;
}
