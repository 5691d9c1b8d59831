// SPDX-License-Identifier: MIT
#include "pricing/price_resolution.h"

namespace baton::core {

const PriceEntry* resolvePrice(const ModelSpec& model, const PriceBook& book) {
    if (model.priceOverride) return &*model.priceOverride;
    return model.priceRef.empty() ? nullptr : book.find(model.priceRef);
}

} // namespace baton::core
