// SPDX-License-Identifier: MIT
#include "pricing/price_book.h"
#include "util/file_io.h"
#include "util/resources.h"

#include <chrono>
#include <cstdio>

namespace baton::core {

Result<PriceBook> PriceBook::fromJson(const std::string& text, const std::string& fileName) {
    Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return fail(ErrorKind::BadInput, fileName + ": not a valid JSON object; check the file's syntax.");
    JsonReader reader(fileName);
    auto schema = reader.integer(doc, "", "schema", JsonReader::Need::Required);
    if (schema && *schema != 1) reader.error("/schema", "unsupported price book schema " + std::to_string(*schema));
    PriceBook book;
    if (const auto* entries = reader.array(doc, "", "entries", JsonReader::Need::Required)) {
        for (size_t i = 0; i < entries->size(); ++i) {
            std::string path = JsonReader::child("/entries", i);
            const auto& item = (*entries)[i];
            if (!item.is_object()) {
                reader.error(path, "expected an object, got " + JsonReader::describe(item));
                continue;
            }
            PriceEntry entry = readPriceEntry(reader, item, path);
            if (entry.id.empty())
                reader.error(JsonReader::child(path, "id"), "required field is missing");
            else if (book.m_entries.count(entry.id))
                reader.error(path, "duplicate id \"" + entry.id + "\"");
            else
                book.m_entries[entry.id] = std::move(entry);
        }
    }
    reader.warnUnknown(doc, "", {"schema", "entries", "note"});
    if (!reader.ok()) return fail(ErrorKind::BadInput, fileName + ": invalid price book", reader.diagnostics());
    return book;
}

Result<PriceBook> PriceBook::load(const std::string& path) {
    auto text = readTextFile(path);
    if (!text) return std::unexpected(text.error());
    return fromJson(*text, path);
}

const PriceBook& PriceBook::bundled() {
    static const PriceBook book = [] {
        auto text = embeddedResource("prices/price_book.json");
        auto parsed = fromJson(std::string(text.value_or("")), "price_book.json (bundled)");
        return parsed ? *parsed : PriceBook{}; // a test asserts that the bundled book parses
    }();
    return book;
}

const PriceEntry* PriceBook::find(const std::string& id) const {
    auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : &it->second;
}

std::string PriceBook::toJsonText() const {
    Json entries = Json::array();
    for (const auto& [id, entry] : m_entries)
        entries.push_back(toJson(entry));
    return Json{{"schema", 1}, {"entries", entries}}.dump(2) + "\n";
}

std::optional<int> daysBetween(const std::string& from, const std::string& to) {
    auto parse = [](const std::string& s) -> std::optional<std::chrono::sys_days> {
        int y = 0;
        unsigned m = 0, d = 0;
        if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
        std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
        if (!ymd.ok()) return std::nullopt;
        return std::chrono::sys_days(ymd);
    };
    auto a = parse(from), b = parse(to);
    if (!a || !b) return std::nullopt;
    return static_cast<int>((*b - *a).count());
}

std::vector<std::string> PriceBook::staleEntries(const std::string& today, int maxAgeDays) const {
    std::vector<std::string> stale;
    for (const auto& [id, entry] : m_entries) {
        auto age = daysBetween(entry.asOf, today);
        if (!age || *age > maxAgeDays) stale.push_back(id);
    }
    return stale;
}

} // namespace baton::core
