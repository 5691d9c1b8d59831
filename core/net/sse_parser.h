// SPDX-License-Identifier: MIT
#pragma once
/// SseParser: incremental Server-Sent Events decoding (WHATWG rules): "event:", "data:" (joined
/// with "\n" across lines), "id:", comments, and LF, CRLF or CR line ends. Bytes may arrive split
/// anywhere, even inside a CRLF or a UTF-8 sequence; the events are the same for every split.

#include <string>
#include <string_view>
#include <vector>

namespace baton::core {

struct SseEvent {
    std::string event; ///< "" means the default type, "message"
    std::string data;
    std::string id;
    bool operator==(const SseEvent&) const = default;
};

class SseParser {
public:
    /// Appends events completed by `bytes` to `out`.
    void feed(std::string_view bytes, std::vector<SseEvent>& out);
    /// Dispatches an event left open when the stream ended without a blank line.
    void finish(std::vector<SseEvent>& out);

private:
    void line(std::string_view text, std::vector<SseEvent>& out);
    std::string m_line;
    bool m_afterCr = false;
    bool m_sawBom = false;
    size_t m_bytesSeen = 0;
    SseEvent m_event;
    bool m_hasData = false;
};

} // namespace baton::core
