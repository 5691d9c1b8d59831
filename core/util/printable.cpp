// SPDX-License-Identifier: MIT
#include "util/printable.h"
#include "util/utf8.h"

namespace baton::core {
namespace {

void escapeByte(std::string& out, unsigned char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
}

} // namespace

std::string printable(std::string_view text, bool keepNewlines) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n' && keepNewlines) {
            out += '\n', ++i;
        } else if (c < 0x20 || c == 0x7F) {
            escapeByte(out, c), ++i;
        } else if (c < 0x80) {
            out += char(c), ++i;
        } else if (invalidUtf8At(text.substr(i, 4).substr(0, c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2)) ||
                   (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0)) {
            // Not UTF-8, or a C1 control (U+0080..U+009F, which some terminals obey like ESC).
            escapeByte(out, c), ++i;
        } else {
            size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            out.append(text.substr(i, n)), i += n;
        }
    }
    return out;
}

} // namespace baton::core
