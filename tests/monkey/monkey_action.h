// SPDX-License-Identifier: MIT
#pragma once
// MonkeyAction: one random input (click, drag, key, typed text, resize, run control) as one
// line of the action log, so that a session can be replayed from its log.

#include <QPoint>
#include <QSize>
#include <QString>
#include <optional>

namespace baton::monkey {

struct MonkeyAction {
    enum class Kind { Click, DoubleClick, RightClick, Drag, Key, Text, Resize, StartRun };
    Kind kind = Kind::Click;
    QPoint from, to;    ///< in the target window's coordinates (drag: press at from, release at to)
    int key = 0;        ///< Qt::Key
    int modifiers = 0;  ///< Qt::KeyboardModifiers
    QString text;       ///< typed text (no tabs or newlines)
    QSize size;         ///< resize

    /// "click 431 220", "key 16777216 0", "text abc", "resize 800 600", "drag 1 2 3 4", "run".
    QString toLine() const;
    static std::optional<MonkeyAction> fromLine(const QString& line);
};

} // namespace baton::monkey
