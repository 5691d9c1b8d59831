// SPDX-License-Identifier: MIT
#pragma once
/// Which prices apply to a pool model: its inline entry, else the book entry it names.

#include "model/model_spec.h"
#include "pricing/price_book.h"

namespace baton::core {

/// nullptr when the model has no inline prices and its price id is not in the book
/// (its calls then have an unknown cost).
const PriceEntry* resolvePrice(const ModelSpec& model, const PriceBook& book);

} // namespace baton::core
