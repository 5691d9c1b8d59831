// SPDX-License-Identifier: MIT
#pragma once
// Monkey: draws seeded random input for whatever window has the user's attention (a popup
// menu, a modal dialog, else the main window) and performs it with synthetic Qt events.

#include "monkey_action.h"

#include <random>

class QWidget;

namespace baton::monkey {

class Monkey {
public:
    explicit Monkey(uint64_t seed) : m_random(seed) {}

    /// The next random action for `target` (its size bounds the points).
    MonkeyAction next(const QWidget& target, bool isMainWindow);
    /// Performs `action` on `target`; a point outside it is clamped into it.
    static void perform(const MonkeyAction& action, QWidget& target);
    /// The open popup, else the active modal dialog, else `mainWindow`.
    static QWidget* target(QWidget* mainWindow);

private:
    int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }
    QString randomText();

    std::mt19937_64 m_random;
};

} // namespace baton::monkey
