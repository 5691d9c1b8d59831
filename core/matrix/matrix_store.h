// SPDX-License-Identifier: MIT
#pragma once
/// Outcome matrices in the workspace database (table `matrices`): the item and model lists as
/// JSON, the cell columns as one binary blob, and the provenance, under a unique name.

#include "matrix/outcome_matrix.h"
#include "store/sqlite_db.h"

#include <string>
#include <vector>

namespace baton::core {

struct StoredMatrixInfo {
    int64_t id = 0;
    std::string name;
    MatrixProvenance provenance;
    int64_t items = 0, models = 0, cells = 0;
};

/// Creates the table when absent (it is not part of a run's schema, so an older workspace gains it
/// on first save). Errors: BadInput when `name` is taken (choose another --name), Io from SQLite.
Result<int64_t> saveMatrix(SqliteDb& db, const OutcomeMatrix& matrix, const std::string& name);
/// By name or numeric id. Errors: NotFound naming the selector (list them with `matrix list`).
Result<OutcomeMatrix> loadMatrix(SqliteDb& db, const std::string& selector);
Result<std::vector<StoredMatrixInfo>> listMatrices(SqliteDb& db);

/// The cell columns as bytes and back (used by the store; exposed for tests).
std::string encodeMatrixCells(const OutcomeMatrix& matrix);
Status decodeMatrixCells(std::string_view bytes, OutcomeMatrix& matrix);

} // namespace baton::core
