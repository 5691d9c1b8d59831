// SPDX-License-Identifier: MIT
#include "eval/answer_extraction.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>
#include <vector>

namespace baton::core {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string stripMarkdown(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '*' && c != '_' && c != '`') out += c;
    return out;
}

std::string trim(std::string_view s) {
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

/// A number token: optional sign ("-" or U+2212 in UTF-8) and currency, digits with thousands separators, decimals,
/// exponent, percent, or a simple fraction.
const std::regex& numberPattern() {
    static const std::regex re(
        R"((-|\xe2\x88\x92)?\$?\s?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?(\s?/\s?\d+)?%?|(-)?\$?\.\d+)");
    return re;
}

std::optional<double> numberFromToken(std::string token) {
    std::erase(token, ',');
    std::erase(token, '$');
    std::erase(token, ' ');
    std::erase(token, '%');
    if (token.rfind("\xe2\x88\x92", 0) == 0) token = "-" + token.substr(3); // unicode minus
    auto slash = token.find('/');
    char* end = nullptr;
    if (slash != std::string::npos) {
        double num = std::strtod(token.substr(0, slash).c_str(), &end);
        double den = std::strtod(token.substr(slash + 1).c_str(), &end);
        if (den == 0) return std::nullopt;
        return num / den;
    }
    double value = std::strtod(token.c_str(), &end);
    if (end == token.c_str()) return std::nullopt;
    return value;
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isSpace(char c) { // \s of std::regex in the C locale
    return c == ' ' || (c >= '\t' && c <= '\r');
}

size_t skipDigits(std::string_view s, size_t i) {
    while (i < s.size() && isDigit(s[i]))
        ++i;
    return i;
}

/// The length of the number token that numberPattern() matches at `p` under std::regex_search
/// (ECMAScript: the first alternative that matches, every quantifier greedy), or 0. Each optional
/// part either fits at its place or cannot be part of any match, so one pass decides it. A scan:
/// the regex over replies without an answer marker was a fifth of a run's CPU.
size_t numberTokenAt(std::string_view s, size_t p) {
    auto at = [&](size_t i) { return i < s.size() ? s[i] : '\0'; };
    // (-|−)?\$?\s?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?(\s?/\s?\d+)?%?, − being U+2212 in
    // UTF-8 (the regex had it as \u2212, which std::regex of char read as the byte 0x12: "−5" was 5)
    constexpr std::string_view minusSign = "\xe2\x88\x92";
    size_t i = p;
    if (at(i) == '-')
        ++i;
    else if (s.substr(i, minusSign.size()) == minusSign)
        i += minusSign.size();
    if (at(i) == '$') ++i;
    if (isSpace(at(i))) ++i;
    if (size_t end = skipDigits(s, i); end > i) {
        if (end - i <= 3) // 1-3 digits, then ",ddd" groups
            while (at(end) == ',' && isDigit(at(end + 1)) && isDigit(at(end + 2)) && isDigit(at(end + 3)))
                end += 4;
        if (at(end) == '.' && isDigit(at(end + 1))) end = skipDigits(s, end + 1);
        if (at(end) == 'e' || at(end) == 'E') {
            size_t j = end + 1 + (at(end + 1) == '-' || at(end + 1) == '+');
            if (isDigit(at(j))) end = skipDigits(s, j);
        }
        size_t j = end + isSpace(at(end));
        if (at(j) == '/') {
            j += 1 + isSpace(at(j + 1));
            if (isDigit(at(j))) end = skipDigits(s, j);
        }
        return end + (at(end) == '%') - p;
    }
    // |(-)?\$?\.\d+
    i = p + (at(p) == '-');
    if (at(i) == '$') ++i;
    if (at(i) == '.' && isDigit(at(i + 1))) return skipDigits(s, i + 1) - p;
    return 0;
}

/// The content of the last \boxed{...} whose braces hold no brace, as the regex
/// `\\boxed\{([^{}]*)\}` would find it; a scan, since std::regex over a whole reply cost most
/// of a run's grading.
std::optional<std::string_view> lastBoxed(std::string_view text) {
    constexpr std::string_view open = "\\boxed{";
    std::optional<std::string_view> found;
    for (size_t pos = text.find(open); pos != std::string_view::npos;) {
        size_t end = text.find_first_of("{}", pos + open.size());
        if (end != std::string_view::npos && text[end] == '}') {
            found = text.substr(pos + open.size(), end - pos - open.size());
            pos = text.find(open, end + 1);
        } else {
            pos = text.find(open, pos + 1);
        }
    }
    return found;
}

/// Where `needle` last starts in `text`, or npos. Forward finds: libstdc++'s rfind compares at
/// every position from the end (a memcmp each), forward find skips with memchr.
size_t lastOf(std::string_view text, std::string_view needle) {
    size_t last = std::string_view::npos;
    for (size_t pos = text.find(needle); pos != std::string_view::npos; pos = text.find(needle, pos + 1))
        last = pos;
    return last;
}

} // namespace

std::vector<std::string_view> numberTokens(std::string_view text) {
    std::vector<std::string_view> out;
    for (size_t p = 0; p < text.size();) {
        if (size_t n = numberTokenAt(text, p)) {
            out.push_back(text.substr(p, n));
            p += n;
        } else {
            ++p;
        }
    }
    return out;
}

std::string normalizeAnswer(std::string_view text) {
    std::string s = lower(stripMarkdown(text));
    std::string cleaned;
    for (char c : s)
        cleaned += (std::ispunct(static_cast<unsigned char>(c)) && c != '-' && c != '.') ? ' ' : c;
    // A trailing sentence period is punctuation; a decimal point inside a number is not.
    std::string words, word;
    auto flush = [&] {
        while (!word.empty() && (word.back() == '.' || word.back() == '-'))
            word.pop_back();
        if (!word.empty() && word != "a" && word != "an" && word != "the") words += (words.empty() ? "" : " ") + word;
        word.clear();
    };
    for (char c : cleaned) {
        if (std::isspace(static_cast<unsigned char>(c)))
            flush();
        else
            word += c;
    }
    flush();
    return words;
}

std::optional<std::string> markedAnswer(std::string_view text) {
    std::string plain = stripMarkdown(text);
    if (auto boxed = lastBoxed(plain)) return trim(*boxed);
    std::string low = lower(plain);

    size_t best = std::string::npos, bestLen = 0;
    for (std::string_view marker : {"final answer is", "answer is", "final answer:", "answer:", "####"}) {
        size_t pos = lastOf(low, marker);
        if (pos != std::string::npos && (best == std::string::npos || pos > best)) best = pos, bestLen = marker.size();
    }
    if (best == std::string::npos) return std::nullopt;
    std::string after = plain.substr(best + bestLen);
    size_t lineEnd = after.find('\n');
    after = after.substr(0, lineEnd);
    // Cut at a sentence end: ". " or a trailing ".", but not a decimal point between digits.
    for (size_t i = 0; i < after.size(); ++i) {
        if (after[i] == '.' && (i + 1 == after.size() || std::isspace(static_cast<unsigned char>(after[i + 1])))) {
            after = after.substr(0, i);
            break;
        }
    }
    std::string answer = trim(after);
    while (!answer.empty() && (answer.front() == ':' || answer.front() == '='))
        answer = trim(answer.substr(1));
    return answer;
}

std::optional<char> extractChoice(std::string_view text, char maxLetter) {
    auto letterIn = [&](std::string_view s) -> std::optional<char> {
        static const std::regex standalone(R"((?:^|[\s(\[])([A-Za-z])(?:$|[\s).\]:,]))");
        std::string str(s);
        std::smatch m;
        if (std::regex_search(str, m, standalone)) {
            char c = static_cast<char>(std::toupper(static_cast<unsigned char>(m[1].str()[0])));
            if (c >= 'A' && c <= maxLetter) return c;
        }
        return std::nullopt;
    };
    if (auto marked = markedAnswer(text))
        if (auto c = letterIn(*marked)) return c;
    std::string plain = trim(stripMarkdown(text));
    // A leading letter: "B", "(B) because...", "B. Paris", "B)". A letter followed by a space is a
    // word ("A cat...", "I think..."), not a choice.
    static const std::regex leading(R"(^(?:\(([A-Za-z])\)|([A-Za-z])(?:[).:]|$)))");
    std::smatch m;
    if (std::regex_search(plain, m, leading)) {
        std::string letter = m[1].matched ? m[1].str() : m[2].str();
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>(letter[0])));
        if (c >= 'A' && c <= maxLetter) return c;
    }
    // Otherwise only a single unambiguous parenthesised letter counts: "(C)".
    static const std::regex paren(R"(\(([A-Za-z])\))");
    std::optional<char> only;
    for (auto it = std::sregex_iterator(plain.begin(), plain.end(), paren); it != std::sregex_iterator(); ++it) {
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>((*it)[1].str()[0])));
        if (c < 'A' || c > maxLetter) continue;
        if (only && *only != c) return std::nullopt;
        only = c;
    }
    return only;
}

std::optional<double> extractNumber(std::string_view text) {
    if (auto marked = markedAnswer(text)) {
        auto tokens = numberTokens(*marked);
        if (!tokens.empty()) return numberFromToken(std::string(tokens.front()));
    }
    const std::string plain = stripMarkdown(text);
    auto tokens = numberTokens(plain);
    if (tokens.empty()) return std::nullopt;
    return numberFromToken(std::string(tokens.back()));
}

std::optional<double> parseNumber(std::string_view text) {
    std::string s = trim(text);
    std::smatch m;
    if (!std::regex_match(s, m, numberPattern())) return std::nullopt;
    return numberFromToken(s);
}

} // namespace baton::core
