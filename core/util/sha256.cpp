// SPDX-License-Identifier: MIT
#include "util/sha256.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>

namespace baton::core {
namespace {

std::string hex(const unsigned char* digest, unsigned size) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * size);
    for (unsigned i = 0; i < size; ++i)
        out += kHex[digest[i] >> 4], out += kHex[digest[i] & 0xf];
    return out;
}

/// libcrypto cannot fail a SHA-256 of bytes in memory short of running out of memory; if it ever
/// did, every content address would be wrong, so nothing goes on.
void require(int ok, const char* what) {
    if (ok == 1) return;
    std::fprintf(stderr, "baton: libcrypto failed %s; stopping (content hashes would be wrong)\n", what);
    std::abort();
}

} // namespace

void Sha256::Free::operator()(evp_md_ctx_st* ctx) const {
    EVP_MD_CTX_free(ctx);
}

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new()) {
    require(m_ctx ? 1 : 0, "to make a digest context");
    reset();
}

void Sha256::reset() {
    require(EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr), "to start a SHA-256 digest");
    m_digest.clear();
}

void Sha256::update(std::string_view data) {
    if (m_digest.empty()) require(EVP_DigestUpdate(m_ctx.get(), data.data(), data.size()), "a SHA-256 update");
}

std::string Sha256::hexDigest() {
    if (!m_digest.empty()) return m_digest; // asked again: the same digest
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned size = 0;
    require(EVP_DigestFinal_ex(m_ctx.get(), digest, &size), "to end a SHA-256 digest");
    m_digest = hex(digest, size);
    return m_digest;
}

std::string sha256Hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned size = 0;
    require(EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr), "a SHA-256 digest");
    return hex(digest, size);
}

} // namespace baton::core
