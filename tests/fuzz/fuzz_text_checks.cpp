// SPDX-License-Identifier: MIT
// libFuzzer: the small checks every parser leans on: JSON text, URLs, UTF-8, secrets, printable.
#include "util/json_text.h"
#include "util/printable.h"
#include "util/secrets.h"
#include "util/url.h"
#include "util/utf8.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace baton::core;
    std::string text(reinterpret_cast<const char*>(data), size);
    if (auto json = parseJsonText(text, "fuzz"); json) (void)json->dump();
    if (auto url = parseUrl(text); url && url->host.find_first_of(" \r\n") != std::string::npos) std::abort();
    (void)containsSecret(text);
    std::string shown = printable(text);
    for (unsigned char c : shown)
        if (c < 0x20 || c == 0x7F) std::abort(); // nothing that drives a terminal gets through
    if (invalidUtf8At(shown)) std::abort();
    return 0;
}
