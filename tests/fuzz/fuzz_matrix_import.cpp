// SPDX-License-Identifier: MIT
// libFuzzer: outcome-matrix importers (long CSV, long JSONL, wide CSV as RouterBench and RouteLLM
// publish them). The first byte picks the importer; the rest is the file. A file is imported or
// refused as bad input, never anything else, and an imported matrix serialises.
#include "matrix/long_table_import.h"
#include "matrix/matrix_json.h"
#include "matrix/wide_csv_import.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    using namespace baton::core;
    std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    Result<OutcomeMatrix> matrix = fail(ErrorKind::BadInput, "");
    switch (data[0] % 4) {
    case 0:
        matrix = importLongCsv(text, "fuzz.csv", LongColumns{});
        break;
    case 1:
        matrix = importLongJsonl(text, "fuzz.jsonl", LongColumns{});
        break;
    case 2:
        matrix = importWideCsv(text, "fuzz.csv", WideColumns{});
        break;
    default: {
        WideColumns routellm; // RouteLLM's shape: no item column, category from the file name
        routellm.item = "\x01none", routellm.category = "\x01none", routellm.costSuffix = "";
        routellm.latencySuffix = "", routellm.responseSuffix = "_response";
        routellm.fixedCategory = "fuzz", routellm.itemPrefix = "fuzz";
        matrix = importWideCsv(text, "fuzz.csv", routellm);
    }
    }
    if (matrix)
        (void)matrixToJson(*matrix).dump();
    else if (matrix.error().kind != ErrorKind::BadInput)
        std::abort();
    return 0;
}
