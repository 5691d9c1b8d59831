// SPDX-License-Identifier: MIT
#include "model/token_estimate.h"

#include <cctype>

namespace baton::core {

int64_t estimateTokens(std::string_view text) {
    int64_t tokens = 0;
    size_t i = 0;
    while (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (std::isspace(c)) {
            ++i;
        } else if (std::isalpha(c)) {
            size_t start = i;
            while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])))
                ++i;
            tokens += 1 + static_cast<int64_t>((i - start) / 8); // long words split into pieces
        } else if (std::isdigit(c)) {
            size_t start = i;
            while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
                ++i;
            tokens += static_cast<int64_t>((i - start + 2) / 3); // digits go in groups of up to 3
        } else {
            ++tokens;
            ++i;
            while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
                ++i; // UTF-8 tail
        }
    }
    return tokens;
}

} // namespace baton::core
