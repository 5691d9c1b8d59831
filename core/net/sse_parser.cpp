// SPDX-License-Identifier: MIT
#include "net/sse_parser.h"

namespace baton::core {

void SseParser::feed(std::string_view bytes, std::vector<SseEvent>& out) {
    for (char c : bytes) {
        // A UTF-8 byte-order mark at the very start is dropped, even when split across calls.
        if (m_bytesSeen < 3 && !m_sawBom) {
            static constexpr char kBom[] = "\xEF\xBB\xBF";
            ++m_bytesSeen;
            m_line += c;
            if (m_line == std::string_view(kBom, m_bytesSeen)) {
                if (m_bytesSeen == 3) m_line.clear(), m_sawBom = true;
                continue;
            }
            m_sawBom = true; // not a BOM: keep the bytes as ordinary line content
            std::string pending;
            pending.swap(m_line);
            feed(pending, out);
            continue;
        }
        if (c == '\n' && m_afterCr) {
            m_afterCr = false; // the LF of a CRLF pair
            continue;
        }
        m_afterCr = c == '\r';
        if (c == '\n' || c == '\r') {
            line(m_line, out);
            m_line.clear();
        } else {
            m_line += c;
        }
    }
}

void SseParser::finish(std::vector<SseEvent>& out) {
    if (!m_line.empty()) line(m_line, out), m_line.clear();
    if (m_hasData) line("", out);
}

void SseParser::line(std::string_view text, std::vector<SseEvent>& out) {
    if (text.empty()) {
        if (m_hasData) out.push_back(m_event);
        m_event = {"", "", m_event.id}; // the last event id persists
        m_hasData = false;
        return;
    }
    if (text.front() == ':') return; // comment / keep-alive
    size_t colon = text.find(':');
    std::string_view field = text.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "data") {
        if (m_hasData) m_event.data += '\n';
        m_event.data += value;
        m_hasData = true;
    } else if (field == "event") {
        m_event.event = value;
    } else if (field == "id" && value.find('\0') == std::string_view::npos) {
        m_event.id = value;
    }
}

} // namespace baton::core
