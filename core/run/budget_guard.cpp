// SPDX-License-Identifier: MIT
#include "run/budget_guard.h"

namespace baton::core {

BudgetGuard::Refusal BudgetGuard::reserve(Money worstCase) {
    if (m_maxCalls && m_calls >= *m_maxCalls) return m_refused = true, m_lastRefusal = Refusal::CallCap;
    if (m_cap && m_carried + m_spent + m_reserved + worstCase > *m_cap)
        return m_refused = true, m_lastRefusal = Refusal::Budget;
    m_reserved += worstCase;
    ++m_calls;
    return Refusal::None;
}

void BudgetGuard::settle(Money worstCase, std::optional<Money> actual) {
    m_reserved = m_reserved - worstCase;
    if (actual)
        m_spent += *actual;
    else
        m_spent += worstCase, ++m_unknown; // unknown: assume the worst so the cap still holds
}

void BudgetGuard::release(Money worstCase) {
    m_reserved = m_reserved - worstCase;
    --m_calls;
}

} // namespace baton::core
