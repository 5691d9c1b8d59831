// SPDX-License-Identifier: MIT
#pragma once
/// SHA-256 of a byte string, as lowercase hex; used to content-address prompts, responses and
/// task sets. OpenSSL's libcrypto computes it (with the CPU's SHA instructions where there are).

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace baton::core {

std::string sha256Hex(std::string_view data);

/// The same digest fed piece by piece (a file read in chunks, a canonical JSON written item by
/// item): Sha256 h; h.update(a); h.update(b); h.hexDigest() == sha256Hex(a + b).
class Sha256 {
public:
    Sha256();
    void update(std::string_view data);
    /// Ends the hash; asked again, the same digest; update() after it changes nothing (reset() first).
    std::string hexDigest();
    void reset();

private:
    struct Free {
        void operator()(evp_md_ctx_st* ctx) const;
    };
    std::unique_ptr<evp_md_ctx_st, Free> m_ctx;
    std::string m_digest; ///< set once the hash has ended
};

} // namespace baton::core
