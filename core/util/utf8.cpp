// SPDX-License-Identifier: MIT
#include "util/utf8.h"

namespace baton::core {

std::optional<size_t> invalidUtf8At(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        size_t length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        if (length == 0 || i + length > text.size()) return i;
        auto b1 = static_cast<unsigned char>(text[i + 1]);
        // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
        unsigned char low = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
        unsigned char high = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
        if (b1 < low || b1 > high) return i;
        for (size_t k = 2; k < length; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
        i += length;
    }
    return std::nullopt;
}

} // namespace baton::core
