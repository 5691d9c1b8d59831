// SPDX-License-Identifier: MIT
#include "sim/response_encoding.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace baton::core {

bool acceptsGzip(std::string_view value) {
    std::string lower(value);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    size_t start = 0;
    while (start <= lower.size()) {
        size_t end = lower.find(',', start);
        if (end == std::string::npos) end = lower.size();
        std::string_view coding = std::string_view(lower).substr(start, end - start);
        while (!coding.empty() && coding.front() == ' ')
            coding.remove_prefix(1);
        std::string_view name = coding.substr(0, coding.find(';'));
        while (!name.empty() && name.back() == ' ')
            name.remove_suffix(1);
        if (name == "gzip" || name == "x-gzip") {
            auto q = coding.find("q=");
            return q == std::string_view::npos || std::strtod(std::string(coding.substr(q + 2)).c_str(), nullptr) > 0;
        }
        start = end + 1;
    }
    return false;
}

std::optional<std::string> gzipFast(std::string_view body) {
    z_stream zs{};
    // 15 + 16: a gzip header and trailer, not a bare zlib stream.
    if (deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
    std::string out(deflateBound(&zs, uLong(body.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    zs.avail_in = uInt(body.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
}

} // namespace baton::core
