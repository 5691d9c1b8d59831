// SPDX-License-Identifier: MIT
// libFuzzer: task JSONL and CSV. The first byte picks the format; the rest is the file.
#include "io/task_import.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    baton::core::ImportOptions options;
    options.skipBad = data[0] & 1;
    auto imported = baton::core::parseTasks(text, data[0] & 2 ? "fuzz.csv" : "fuzz.jsonl", options);
    if (imported) (void)imported->set.contentHash(); // serialises every item: must not throw
    else if (imported.error().kind != baton::core::ErrorKind::BadInput) std::abort();
    return 0;
}
