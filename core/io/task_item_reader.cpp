// SPDX-License-Identifier: MIT
#include "io/task_item_reader.h"
#include "util/file_io.h"
#include "util/json_reader.h"
#include "util/json_text.h"
#include "util/utf8.h"

#include <filesystem>
#include <set>

namespace baton::core {
namespace {

std::string scalarText(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    // Unsigned first: get<int64_t>() of 12345678901234567890 wraps to a negative number, a different answer.
    if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
    if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
    return v.dump();
}

/// Reads one JSONL object into an item; returns an error message, or "" when fine.
std::string readJsonItem(const Json& obj, const FieldMapping& map, TaskItem& item) {
    if (!obj.is_object()) return "expected a JSON object, got " + JsonReader::describe(obj);
    std::set<std::string> used;
    auto take = [&](const std::string& key) -> const Json* {
        if (key.empty()) return nullptr;
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return nullptr;
        used.insert(key);
        return &*it;
    };
    if (const Json* id = take(map.id)) {
        if (!id->is_string() && !id->is_number_integer()) return "\"" + map.id + "\" must be a string or integer";
        item.id = scalarText(*id);
    }
    if (const Json* cat = take(map.category)) item.category = scalarText(*cat);
    if (const Json* system = take(map.system)) item.messages.push_back({"system", scalarText(*system)});
    if (const Json* messages = take("messages")) {
        if (!messages->is_array()) return "\"messages\" must be an array of {role, content}";
        for (const auto& m : *messages) {
            if (!m.is_object() || !m.contains("role") || !m.contains("content") || !m["role"].is_string() ||
                !m["content"].is_string())
                return "each message needs a string \"role\" and \"content\"";
            item.messages.push_back({m["role"].get<std::string>(), m["content"].get<std::string>()});
        }
    } else if (const Json* prompt = take(map.prompt)) {
        if (!prompt->is_string())
            return "\"" + map.prompt + "\" must be a string, got " + JsonReader::describe(*prompt);
        item.messages.push_back({"user", prompt->get<std::string>()});
    } else {
        return "no prompt: expected a \"" + map.prompt + "\" string or a \"messages\" array";
    }
    const Json* answer = take(map.answer);
    if (!answer) answer = take("references");
    if (answer && answer->is_array()) {
        for (const auto& a : *answer)
            item.references.push_back(scalarText(a));
    } else if (answer) {
        item.references.push_back(scalarText(*answer));
    }
    if (const Json* grader = take(map.grader)) {
        JsonReader reader("");
        GraderSpec spec = readGraderSpec(reader, *grader, "/" + map.grader);
        if (!reader.ok()) return reader.diagnostics().front().location + ": " + reader.diagnostics().front().message;
        item.grader = spec;
    }
    for (auto it = obj.begin(); it != obj.end(); ++it)
        if (!used.count(it.key()) && it.key() != "metadata") item.metadata[it.key()] = *it;
    if (auto meta = obj.find("metadata"); meta != obj.end() && meta->is_object()) item.metadata.update(*meta);
    return "";
}

/// "" when every field is UTF-8, else what to do: a Latin-1 spreadsheet export is the usual cause.
std::string firstInvalidField(const std::vector<std::string>& fields, const std::vector<std::string>& header) {
    for (size_t c = 0; c < fields.size(); ++c)
        if (auto at = invalidUtf8At(fields[c]))
            return "column \"" + (c < header.size() ? header[c] : std::to_string(c + 1)) +
                   "\" is not UTF-8 text (byte " + std::to_string(*at + 1) +
                   "); re-save the file as UTF-8 (spreadsheets: \"CSV UTF-8\"), or convert it with "
                   "iconv -f latin1 -t utf-8";
    return "";
}

} // namespace

Result<TaskFormat> resolveFormat(const std::string& fileName, TaskFormat format) {
    if (format != TaskFormat::Auto) return format;
    std::string ext = std::filesystem::path(fileName).extension().string();
    if (ext == ".jsonl" || ext == ".ndjson") return TaskFormat::Jsonl;
    if (ext == ".csv") return TaskFormat::Csv;
    return fail(ErrorKind::BadInput,
                fileName + ": cannot tell the format from the extension; use .jsonl or .csv, or pass --format");
}

std::string duplicateIdProblem(const std::string& id, size_t firstLine) {
    return "duplicate id \"" + id + "\" (first on line " + std::to_string(firstLine) + ")";
}

Result<std::unique_ptr<TaskItemReader>> TaskItemReader::fromText(std::string_view text, const std::string& fileName,
                                                                 TaskFormat format, const FieldMapping& mapping) {
    auto resolved = resolveFormat(fileName, format);
    if (!resolved) return std::unexpected(resolved.error());
    std::unique_ptr<TaskItemReader> reader(new TaskItemReader(fileName, *resolved, mapping));
    reader->m_text = text;
    if (*resolved == TaskFormat::Csv) {
        reader->m_csv.emplace(text, fileName);
        if (auto ok = reader->readCsvHeader(); !ok) return std::unexpected(ok.error());
    }
    return reader;
}

Result<std::unique_ptr<TaskItemReader>> TaskItemReader::fromFile(const std::string& path, TaskFormat format,
                                                                 const FieldMapping& mapping) {
    auto resolved = resolveFormat(path, format);
    if (!resolved) return std::unexpected(resolved.error());
    if (*resolved == TaskFormat::Csv) { // a record may span lines: the cursor reads the whole text
        auto text = readTextFile(path);
        if (!text) return std::unexpected(text.error());
        std::unique_ptr<TaskItemReader> reader(new TaskItemReader(path, *resolved, mapping));
        reader->m_ownedText = std::move(*text);
        reader->m_csv.emplace(reader->m_ownedText, path);
        if (auto ok = reader->readCsvHeader(); !ok) return std::unexpected(ok.error());
        return reader;
    }
    auto file = openTextFile(path);
    if (!file) return std::unexpected(file.error());
    std::unique_ptr<TaskItemReader> reader(new TaskItemReader(path, *resolved, mapping));
    reader->m_file = std::move(*file);
    return reader;
}

Status TaskItemReader::readCsvHeader() {
    auto more = m_csv->next(m_record);
    if (!more) return std::unexpected(more.error());
    if (!*more) return fail(ErrorKind::BadInput, m_fileName + ": the file is empty; expected a header row");
    m_header = m_record.fields;
    if (auto bad = firstInvalidField(m_header, m_header); !bad.empty())
        return fail(ErrorKind::BadInput, m_fileName + ":1: the header's " + bad);
    auto column = [&](const std::string& name) -> std::optional<size_t> {
        for (size_t i = 0; i < m_header.size(); ++i)
            if (m_header[i] == name) return i;
        return std::nullopt;
    };
    m_prompt = column(m_mapping.prompt), m_answer = column(m_mapping.answer);
    std::string known;
    for (const auto& h : m_header)
        known += (known.empty() ? "" : ", ") + h;
    if (!m_prompt || !m_answer)
        return fail(ErrorKind::BadInput, m_fileName + ":1: the header has no column \"" +
                                             (!m_prompt ? m_mapping.prompt : m_mapping.answer) + "\" (columns: " +
                                             known + "); map one with --map prompt=COLUMN or --map answer=COLUMN");
    m_id = column(m_mapping.id), m_category = column(m_mapping.category), m_system = column(m_mapping.system);
    return {};
}

bool TaskItemReader::nextLine(std::string& line) {
    if (m_file) {
        if (!std::getline(*m_file, line)) return false;
    } else {
        if (m_pos > m_text.size()) return false;
        size_t end = m_text.find('\n', m_pos);
        line.assign(m_text.substr(m_pos, end == std::string_view::npos ? std::string_view::npos : end - m_pos));
        m_pos = end == std::string_view::npos ? m_text.size() + 1 : end + 1;
    }
    ++m_line;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

Result<bool> TaskItemReader::next(ReadItem& out) {
    out = ReadItem{};
    if (m_format == TaskFormat::Csv) {
        auto more = m_csv->next(m_record);
        if (!more) return std::unexpected(more.error());
        if (!*more) return false;
        ++m_ordinal;
        readCsv(out);
    } else {
        for (;;) {
            if (!nextLine(m_row)) {
                if (m_file && m_file->bad())
                    return fail(ErrorKind::Io, m_fileName + ": read error at line " + std::to_string(m_line + 1));
                return false;
            }
            if (m_row.find_first_not_of(" \t") != std::string::npos) break;
        }
        ++m_ordinal;
        readJsonl(m_row, out);
    }
    if (out.problem.empty()) check(out);
    return true;
}

void TaskItemReader::readJsonl(const std::string& row, ReadItem& out) {
    out.line = m_line;
    auto parsed = parseJsonText(row, "line " + std::to_string(m_line));
    if (!parsed) {
        out.problem = parsed.error().message.substr(parsed.error().message.find(": ") + 2);
        return;
    }
    out.problem = readJsonItem(*parsed, m_mapping, out.item);
}

void TaskItemReader::readCsv(ReadItem& out) {
    const auto& fields = m_record.fields;
    out.line = m_record.line;
    if (fields.size() != m_header.size()) {
        out.problem = "expected " + std::to_string(m_header.size()) + " columns, found " + std::to_string(fields.size());
        return;
    }
    if (out.problem = firstInvalidField(fields, m_header); !out.problem.empty()) return;
    TaskItem& item = out.item;
    if (m_id) item.id = fields[*m_id];
    if (m_category) item.category = fields[*m_category];
    if (m_system && !fields[*m_system].empty()) item.messages.push_back({"system", fields[*m_system]});
    item.messages.push_back({"user", fields[*m_prompt]});
    if (!fields[*m_answer].empty()) item.references.push_back(fields[*m_answer]);
    for (size_t c = 0; c < m_header.size(); ++c)
        if (c != *m_prompt && c != *m_answer && c != m_id && c != m_category && c != m_system)
            item.metadata[m_header[c]] = fields[c];
}

void TaskItemReader::check(ReadItem& out) {
    TaskItem& item = out.item;
    if (item.id.empty()) item.id = std::to_string(m_ordinal);
    if (item.category.empty()) item.category = "general";
    if (item.prompt().empty())
        out.problem = "the prompt is empty";
    else if (item.references.empty())
        out.problem = "no reference answer (field \"" + m_mapping.answer + "\")";
}

} // namespace baton::core
