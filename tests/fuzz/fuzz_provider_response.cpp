// SPDX-License-Identifier: MIT
// libFuzzer: each provider's response body, error body and stream events.
#include "net/sse_parser.h"
#include "providers/provider_adapter.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace baton::core;
    if (size == 0) return 0;
    ProviderKind kinds[] = {ProviderKind::OpenAi, ProviderKind::Anthropic, ProviderKind::Gemini};
    const ProviderAdapter& adapter = adapterFor(kinds[data[0] % 3]);
    std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
    (void)adapter.parseResponse(body);
    (void)adapter.parseError(body);
    SseParser parser;
    std::vector<SseEvent> events;
    parser.feed(body, events);
    parser.finish(events);
    auto decoder = adapter.streamDecoder();
    for (const auto& e : events)
        if (decoder->onEvent(e)) break;
    (void)decoder->reply();
    return 0;
}
