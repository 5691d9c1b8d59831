// SPDX-License-Identifier: MIT
// libFuzzer: pool files. Any bytes give a pool or a BadInput error; nothing throws or crashes.
#include "pools/pool_file.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto loaded = baton::core::parsePool(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
    if (loaded) (void)baton::core::poolToJson(loaded->pool).dump(); // what loads must also save
    else if (loaded.error().kind != baton::core::ErrorKind::BadInput) std::abort();
    return 0;
}
