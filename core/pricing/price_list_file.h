// SPDX-License-Identifier: MIT
#pragma once
/// A price list file in either format people have: Baton's own price book (schema 1) or the
/// community `model_prices_and_context_window.json`, told apart by its content. The CLI's
/// `reprice --prices` and the workbench's "Reprice with..." read files through this one function.
/// Errors: NotFound / Io for the file; BadInput with every bad value at its JSON path.

#include "pricing/price_book.h"

#include <string>

namespace baton::core {

/// `asOf` (YYYY-MM-DD) dates the entries of a community list (Baton's book carries its own dates).
Result<PriceBook> readPriceListFile(const std::string& path, const std::string& asOf);

} // namespace baton::core
