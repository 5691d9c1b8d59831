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

/// A bidirectional control (U+061C, U+200E/F, U+202A..U+202E, U+2066..U+2069): a task id or
/// name holding U+202E ("abc\u202Etxt.exe") showed its text reversed in a terminal that applies
/// bidi, and it is not visible itself (the "Trojan Source" spoofing).
bool bidiControlAt(std::string_view t, size_t i) {
    auto at = [&](size_t k) { return i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0u; };
    if (at(0) == 0xD8 && at(1) == 0x9C) return true; // U+061C
    if (at(0) != 0xE2) return false;
    unsigned b1 = at(1), b2 = at(2);
    return (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) ||
           (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
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
        } else if (bidiControlAt(text, i)) {
            for (size_t n = c == 0xD8 ? 2 : 3; n > 0; --n)
                escapeByte(out, static_cast<unsigned char>(text[i++]));
        } else {
            size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            out.append(text.substr(i, n)), i += n;
        }
    }
    return out;
}

} // namespace baton::core
