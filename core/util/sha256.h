// SPDX-License-Identifier: MIT
#pragma once
/// SHA-256 of a byte string, as lowercase hex; used to content-address prompts, responses and task sets.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace baton::core {

std::string sha256Hex(std::string_view data);

/// The same digest fed piece by piece (a file read in chunks, a canonical JSON written item by
/// item): Sha256 h; h.update(a); h.update(b); h.hexDigest() == sha256Hex(a + b).
class Sha256 {
public:
    Sha256();
    void update(std::string_view data);
    /// Ends the hash; update() after it starts nothing new (call reset() first).
    std::string hexDigest();
    void reset() { *this = Sha256(); }

private:
    std::array<uint32_t, 8> m_state;
    std::array<unsigned char, 64> m_block{};
    size_t m_blockUsed = 0;
    uint64_t m_length = 0;
};

} // namespace baton::core
