// SPDX-License-Identifier: MIT
#pragma once
/// PriceBook: price entries by id ("anthropic/claude-sonnet-4-5"), loaded from a JSON file or
/// the book bundled with Baton. Pool entries override book entries.

#include "model/price_entry.h"
#include "util/result.h"

#include <map>
#include <string>
#include <vector>

namespace baton::core {

class PriceBook {
public:
    /// Parses a price book document; every problem is reported with the file and JSON path.
    static Result<PriceBook> fromJson(const std::string& text, const std::string& fileName);
    static Result<PriceBook> load(const std::string& path);
    /// The book compiled into Baton from resources/prices/price_book.json.
    static const PriceBook& bundled();

    const PriceEntry* find(const std::string& id) const;
    const std::map<std::string, PriceEntry>& entries() const { return m_entries; }
    void insert(PriceEntry entry) { m_entries[entry.id] = std::move(entry); }
    std::string toJsonText() const;

    /// Ids of entries whose as_of date is more than maxAgeDays before `today` (YYYY-MM-DD), or
    /// that have no parseable date.
    std::vector<std::string> staleEntries(const std::string& today, int maxAgeDays) const;

private:
    std::map<std::string, PriceEntry> m_entries;
};

/// Days from `from` to `to`, both YYYY-MM-DD; nullopt if either does not parse.
std::optional<int> daysBetween(const std::string& from, const std::string& to);

} // namespace baton::core
