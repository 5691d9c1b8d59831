// SPDX-License-Identifier: MIT
#pragma once
/// Response compression for the simulator, only when the client asks and only where it pays:
/// gzip at level 1 for bodies of at least kMinCompressBytes; never brotli (httplib's brotli at
/// its default quality cost ~1.5 ms per response). Identity otherwise, which HTTP always allows.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace baton::core {

inline constexpr size_t kMinCompressBytes = 2048;

/// True when an Accept-Encoding value accepts gzip (q=0 refuses it).
bool acceptsGzip(std::string_view acceptEncoding);

/// The gzip member for `body` at level 1; nullopt when zlib fails.
std::optional<std::string> gzipFast(std::string_view body);

} // namespace baton::core
