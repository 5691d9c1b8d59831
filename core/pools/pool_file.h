// SPDX-License-Identifier: MIT
#pragma once
/// Pool files: versioned JSON ("schema": 1) that analysts share. Loading reports every problem
/// with file and JSON path; unknown fields are warnings; values that look like secrets are refused.
/// Saving is atomic, so a crash never leaves a half-written pool.

#include "model/pool.h"
#include "util/result.h"

#include <string>
#include <vector>

namespace baton::core {

inline constexpr int kPoolSchemaVersion = 1;

struct LoadedPool {
    Pool pool;
    std::vector<Diagnostic> warnings;
};

/// Errors: BadInput with every problem in Error::problems.
Result<LoadedPool> parsePool(const std::string& text, const std::string& fileName);
/// Errors: NotFound / Io for the file, else as parsePool.
Result<LoadedPool> loadPoolFile(const std::string& path);

nlohmann::json poolToJson(const Pool& pool);
/// Errors: Io (the previous file, if any, is left untouched).
Status savePoolFile(const Pool& pool, const std::string& path);

} // namespace baton::core
