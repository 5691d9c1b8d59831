// SPDX-License-Identifier: MIT
#include "matrix/mmlu_pro_import.h"

#include "io/zip_entry.h"
#include "util/json_text.h"

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <zip.h>

namespace baton::core {

std::string mmluProModelName(const std::string& path) {
    std::string stem = std::filesystem::path(path).stem().string();
    if (stem.rfind("model_outputs_", 0) == 0) stem = stem.substr(14);
    auto shots = stem.rfind('_');
    if (shots != std::string::npos && stem.find("shots", shots) != std::string::npos) stem = stem.substr(0, shots);
    return stem;
}

Result<std::string> readFirstZipEntry(const std::string& path) {
    int code = 0;
    std::unique_ptr<zip_t, decltype(&zip_discard)> archive(zip_open(path.c_str(), ZIP_RDONLY, &code), &zip_discard);
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        return fail(code == ZIP_ER_NOENT ? ErrorKind::NotFound : ErrorKind::BadInput,
                    path + ": cannot open as a zip archive (" + why + ")");
    }
    if (zip_get_num_entries(archive.get(), 0) < 1) return fail(ErrorKind::BadInput, path + ": the zip is empty");
    return readZipEntry(archive.get(), 0, path, "an MMLU-Pro results zip (one JSON list of records)");
}

Status addMmluProZip(MatrixBuilder& b, const std::string& path) {
    auto text = readFirstZipEntry(path);
    if (!text) return std::unexpected(text.error());
    auto records = parseJsonOrDiscarded(*text);
    if (records.is_discarded() || !records.is_array())
        return fail(ErrorKind::BadInput, path + ": expected one JSON list of records inside the zip");
    size_t model = b.model(mmluProModelName(path));
    for (size_t r = 0; r < records.size(); ++r) {
        const auto& rec = records[r];
        // A record has no line; its position in the list stands for one (1-based).
        if (!rec.is_object() || !rec.contains("question_id") || !rec.contains("answer")) {
            b.error(r + 1, "record " + std::to_string(r) + " has no question_id or answer");
            continue;
        }
        std::string id = rec["question_id"].is_string() ? rec["question_id"].get<std::string>()
                                                        : rec["question_id"].dump();
        size_t item = b.item(id, rec.value("category", ""), rec.value("question", ""));
        CellInput cell;
        const auto& pred = rec.contains("pred") ? rec["pred"] : nlohmann::json();
        cell.grade = pred.is_string() && pred == rec["answer"] ? 1.0 : 0.0;
        for (const char* key : {"generated_text", "model_outputs"})
            if (rec.contains(key) && rec[key].is_string()) cell.response = rec[key].get<std::string>();
        b.add(item, model, std::move(cell), r + 1);
    }
    return {};
}

} // namespace baton::core
