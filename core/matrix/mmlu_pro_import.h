// SPDX-License-Identifier: MIT
#pragma once
/// MMLU-Pro model outputs: each zip holds one JSON list of records (question_id, question,
/// category, answer, pred, generated_text or model_outputs). The model is named by the file
/// (`model_outputs_<model>_5shots.zip`); grade 1 when pred == answer, else 0 (no prediction = 0).

#include "matrix/matrix_builder.h"

#include <string>

namespace baton::core {

/// The model name in an MMLU-Pro output file name.
std::string mmluProModelName(const std::string& path);

/// Adds one zip's records to `builder`. Errors: Io/BadInput for an unreadable zip or JSON.
Status addMmluProZip(MatrixBuilder& builder, const std::string& path);

/// The first file inside a zip archive, read with libzip (readZipEntry: at most 4 GiB, and
/// exactly the size the zip states). Errors: NotFound or BadInput naming the file and the entry.
Result<std::string> readFirstZipEntry(const std::string& path);

} // namespace baton::core
