// SPDX-License-Identifier: MIT
#pragma once
// One byte of a run bundle changed on purpose, as a tamperer would: the first letter of the
// response text of one call in calls.jsonl. Verification must name that call.

#include "bundle/zip_archive.h"
#include "util/sha256.h"

#include <nlohmann/json.hpp>
#include <string>

namespace baton::test {

/// Changes the first letter of the response of the call on line `line` (1-based) of calls.jsonl;
/// false when the bundle has no such line or that call has no response text.
inline bool tamperCallResponse(core::ZipEntries& files, int line) {
    auto found = files.find("calls.jsonl");
    if (found == files.end()) return false;
    std::string& calls = found->second;
    size_t start = 0;
    for (int i = 1; i < line; ++i) {
        start = calls.find('\n', start);
        if (start == std::string::npos) return false;
        ++start;
    }
    size_t end = calls.find('\n', start);
    size_t at = calls.find("\"response\":\"", start);
    if (at == std::string::npos || at >= end) return false;
    at += 12;
    calls[at] = calls[at] == 'x' ? 'y' : 'x';
    return true;
}

/// Writes `name`'s SHA-256 into manifest.json, as a tamperer who changed that file would, so that only
/// the recomputed figures can tell.
inline void rehashInManifest(core::ZipEntries& files, const std::string& name) {
    auto manifest = nlohmann::json::parse(files.at("manifest.json"));
    manifest["files"][name]["sha256"] = core::sha256Hex(files.at(name));
    files.at("manifest.json") = manifest.dump(2);
}

} // namespace baton::test
