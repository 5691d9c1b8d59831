// SPDX-License-Identifier: MIT
#pragma once
/// Every row of a prepared query read into a vector, for the store's list functions.
/// Errors: the SQLite error of a step, translated.

#include "store/sqlite_db.h"

#include <type_traits>
#include <vector>

namespace baton::core {

/// Steps `stmt` to its end; `read(stmt)` makes each row's value.
template <class Read>
auto readAllRows(Statement& stmt, Read read) -> Result<std::vector<std::invoke_result_t<Read, const Statement&>>> {
    std::vector<std::invoke_result_t<Read, const Statement&>> rows;
    while (true) {
        auto row = stmt.step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return rows;
        rows.push_back(read(stmt));
    }
}

} // namespace baton::core
