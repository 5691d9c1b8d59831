// SPDX-License-Identifier: MIT
#include "pricing/price_age.h"
#include "pricing/price_resolution.h"

namespace baton::core {

std::optional<PriceAge> priceAge(const ModelSpec& model, const PriceBook& book, const std::string& today,
                                 int maxAgeDays) {
    const PriceEntry* entry = resolvePrice(model, book);
    if (!entry) return std::nullopt;
    PriceAge age;
    age.model = model.name;
    age.asOf = entry->asOf;
    age.days = daysBetween(entry->asOf, today);
    age.stale = !age.days || *age.days > maxAgeDays;
    return age;
}

} // namespace baton::core
