// SPDX-License-Identifier: MIT
#include "io/task_import.h"
#include "io/csv_reader.h"
#include "util/json_reader.h"
#include "util/file_io.h"
#include "util/json_text.h"
#include "util/utf8.h"

#include <filesystem>
#include <map>
#include <set>

namespace baton::core {
namespace {

/// One candidate item with its source line, before the set-level checks.
struct RawItem {
    size_t line = 0;
    TaskItem item;
};

class ItemCollector {
public:
    ItemCollector(std::string fileName, const ImportOptions& options)
        : m_file(std::move(fileName)), m_options(options) {}

    void bad(size_t line, std::string message) {
        m_problems.push_back({Severity::Error, m_file, "line " + std::to_string(line), std::move(message)});
    }

    void add(size_t line, TaskItem item) {
        if (item.id.empty()) item.id = std::to_string(m_nextNumber);
        ++m_nextNumber;
        if (item.category.empty()) item.category = "general";
        if (item.prompt().empty()) return bad(line, "the prompt is empty");
        if (item.references.empty())
            return bad(line, "no reference answer (field \"" + m_options.mapping.answer + "\")");
        if (auto [it, fresh] = m_idLines.emplace(item.id, line); !fresh)
            return bad(line, "duplicate id \"" + item.id + "\" (first on line " + std::to_string(it->second) + ")");
        m_items.push_back(std::move(item));
    }

    void skipNumber() { ++m_nextNumber; }

    Result<ImportedTasks> finish(const std::string& defaultName) {
        if (!m_problems.empty() && !m_options.skipBad)
            return fail(ErrorKind::BadInput,
                        m_file + ": " + std::to_string(m_problems.size()) +
                            " bad line(s), nothing imported; fix them, or pass --skip-bad to import the rest",
                        m_problems);
        if (m_items.empty()) return fail(ErrorKind::BadInput, m_file + ": no items to import", m_problems);
        ImportedTasks out;
        out.set.name = m_options.name.empty() ? defaultName : m_options.name;
        out.set.defaultGrader = m_options.defaultGrader;
        out.set.items = std::move(m_items);
        for (auto p : m_problems) {
            p.severity = Severity::Warning;
            p.message = "skipped: " + p.message;
            out.skipped.push_back(std::move(p));
        }
        return out;
    }

private:
    std::string m_file;
    const ImportOptions& m_options;
    std::vector<TaskItem> m_items;
    std::vector<Diagnostic> m_problems;
    std::map<std::string, size_t> m_idLines;
    size_t m_nextNumber = 1;
};

std::string scalarText(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
    return v.dump();
}

/// Reads one JSONL object into an item; returns an error message, or "" when fine.
std::string readJsonItem(const Json& obj, const FieldMapping& map, size_t line, TaskItem& item) {
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
    (void)line;
    return "";
}

void parseJsonl(const std::string& text, ItemCollector& collector, const FieldMapping& map) {
    size_t line = 0, pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        std::string row = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        ++line;
        pos = end == std::string::npos ? text.size() + 1 : end + 1;
        if (!row.empty() && row.back() == '\r') row.pop_back();
        if (row.find_first_not_of(" \t") == std::string::npos) continue;
        auto parsed = parseJsonText(row, "line " + std::to_string(line));
        if (!parsed) {
            collector.skipNumber();
            collector.bad(line, parsed.error().message.substr(parsed.error().message.find(": ") + 2));
            continue;
        }
        const Json& obj = *parsed;
        TaskItem item;
        if (auto problem = readJsonItem(obj, map, line, item); !problem.empty()) {
            collector.skipNumber();
            collector.bad(line, problem);
        } else {
            collector.add(line, std::move(item));
        }
    }
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

Status parseCsvItems(const std::string& text, const std::string& fileName, ItemCollector& collector,
                     const FieldMapping& map) {
    auto records = parseCsv(text, fileName);
    if (!records) return std::unexpected(records.error());
    if (records->empty()) return fail(ErrorKind::BadInput, fileName + ": the file is empty; expected a header row");
    const auto& header = records->front().fields;
    if (auto bad = firstInvalidField(header, header); !bad.empty())
        return fail(ErrorKind::BadInput, fileName + ":1: the header's " + bad);
    auto column = [&](const std::string& name) -> std::optional<size_t> {
        for (size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) return i;
        return std::nullopt;
    };
    auto prompt = column(map.prompt), answer = column(map.answer);
    std::string known;
    for (const auto& h : header)
        known += (known.empty() ? "" : ", ") + h;
    if (!prompt || !answer)
        return fail(ErrorKind::BadInput, fileName + ":1: the header has no column \"" +
                                             (!prompt ? map.prompt : map.answer) + "\" (columns: " + known +
                                             "); map one with --map prompt=COLUMN or "
                                             "--map answer=COLUMN");
    auto id = column(map.id), category = column(map.category), system = column(map.system);
    for (size_t r = 1; r < records->size(); ++r) {
        const auto& rec = (*records)[r];
        if (rec.fields.size() != header.size()) {
            collector.skipNumber();
            collector.bad(rec.line, "expected " + std::to_string(header.size()) + " columns, found " +
                                        std::to_string(rec.fields.size()));
            continue;
        }
        if (auto bad = firstInvalidField(rec.fields, header); !bad.empty()) {
            collector.skipNumber();
            collector.bad(rec.line, bad);
            continue;
        }
        TaskItem item;
        if (id) item.id = rec.fields[*id];
        if (category) item.category = rec.fields[*category];
        if (system && !rec.fields[*system].empty()) item.messages.push_back({"system", rec.fields[*system]});
        item.messages.push_back({"user", rec.fields[*prompt]});
        if (!rec.fields[*answer].empty()) item.references.push_back(rec.fields[*answer]);
        for (size_t c = 0; c < header.size(); ++c)
            if (c != *prompt && c != *answer && c != id && c != category && c != system)
                item.metadata[header[c]] = rec.fields[c];
        collector.add(rec.line, std::move(item));
    }
    return {};
}

} // namespace

bool applyMapping(FieldMapping& mapping, const std::string& assignment) {
    auto eq = assignment.find('=');
    if (eq == std::string::npos || eq + 1 == assignment.size()) return false;
    std::string field = assignment.substr(0, eq), column = assignment.substr(eq + 1);
    std::map<std::string, std::string*> fields = {{"id", &mapping.id},         {"category", &mapping.category},
                                                  {"prompt", &mapping.prompt}, {"answer", &mapping.answer},
                                                  {"grader", &mapping.grader}, {"system", &mapping.system}};
    auto it = fields.find(field);
    if (it == fields.end()) return false;
    *it->second = column;
    return true;
}

Result<ImportedTasks> parseTasks(const std::string& text, const std::string& fileName, const ImportOptions& options) {
    TaskFormat format = options.format;
    std::filesystem::path path(fileName);
    if (format == TaskFormat::Auto) {
        std::string ext = path.extension().string();
        if (ext == ".jsonl" || ext == ".ndjson")
            format = TaskFormat::Jsonl;
        else if (ext == ".csv")
            format = TaskFormat::Csv;
        else
            return fail(ErrorKind::BadInput,
                        fileName + ": cannot tell the format from the extension; use .jsonl or .csv, or pass --format");
    }
    ItemCollector collector(fileName, options);
    if (format == TaskFormat::Jsonl)
        parseJsonl(text, collector, options.mapping);
    else if (auto ok = parseCsvItems(text, fileName, collector, options.mapping); !ok)
        return std::unexpected(ok.error());
    return collector.finish(path.stem().string());
}

Result<ImportedTasks> importTasks(const std::string& path, const ImportOptions& options) {
    auto text = readTextFile(path);
    if (!text) return std::unexpected(text.error());
    return parseTasks(*text, path, options);
}

} // namespace baton::core
