// SPDX-License-Identifier: MIT
#include "util/sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

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

} // namespace

void Sha256::Free::operator()(evp_md_ctx_st* ctx) const {
    EVP_MD_CTX_free(ctx);
}

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new()) {
    if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("libcrypto could not start a SHA-256 digest");
}

void Sha256::reset() {
    EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr);
    m_done = false;
}

void Sha256::update(std::string_view data) {
    if (!m_done) EVP_DigestUpdate(m_ctx.get(), data.data(), data.size());
}

std::string Sha256::hexDigest() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned size = 0;
    if (m_done) return {};
    EVP_DigestFinal_ex(m_ctx.get(), digest, &size);
    m_done = true;
    return hex(digest, size);
}

std::string sha256Hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned size = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("libcrypto could not compute a SHA-256 digest");
    return hex(digest, size);
}

} // namespace baton::core
