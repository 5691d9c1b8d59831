// SPDX-License-Identifier: MIT
// libFuzzer: sim profiles.
#include "sim/sim_profile.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    (void)baton::core::parseSimProfile(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
    return 0;
}
