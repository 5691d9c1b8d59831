// SPDX-License-Identifier: MIT
#pragma once
/// BudgetGuard: before a call is dispatched its worst-case cost is reserved; when it returns the
/// reservation is replaced by the actual cost (or kept whole when the cost is unknown). A call
/// whose reservation would cross the cap is refused, so the cap is never exceeded as long as no
/// provider bills more than the request's own worst case. Also caps the number of calls.
/// Used on the event-loop thread only.

#include "model/money.h"

#include <cstdint>
#include <optional>

namespace baton::core {

class BudgetGuard {
public:
    BudgetGuard(std::optional<Money> cap, std::optional<int64_t> maxCalls) : m_cap(cap), m_maxCalls(maxCalls) {}

    enum class Refusal { None, Budget, CallCap };
    /// Reserves `worstCase` for one call, or says why not.
    Refusal reserve(Money worstCase);
    /// Replaces a reservation by what the call cost; unknown keeps the worst case as spent.
    void settle(Money worstCase, std::optional<Money> actual);
    /// Gives back a reservation for a call that was never sent.
    void release(Money worstCase);
    /// What earlier passes of the same run spent: the cap belongs to the run, so a resume
    /// counts it against the cap (it is not part of spent()).
    void carryOver(Money spentEarlier) { m_carried = spentEarlier; }

    Money spent() const { return m_spent; }
    Money reserved() const { return m_reserved; }
    std::optional<Money> cap() const { return m_cap; }
    int64_t calls() const { return m_calls; }
    int64_t unknownCostCalls() const { return m_unknown; }
    bool refusedAny() const { return m_refused; }
    /// Why the last call was refused, for the run's stop reason.
    Refusal lastRefusal() const { return m_lastRefusal; }

private:
    std::optional<Money> m_cap;
    std::optional<int64_t> m_maxCalls;
    Money m_spent, m_reserved, m_carried;
    int64_t m_calls = 0, m_unknown = 0;
    bool m_refused = false;
    Refusal m_lastRefusal = Refusal::None;
};

} // namespace baton::core
