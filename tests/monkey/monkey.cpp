// SPDX-License-Identifier: MIT
#include "monkey.h"

#include <QApplication>
#include <QPointer>
#include <QTest>
#include <QWidget>
#include <array>

namespace baton::monkey {
namespace {

struct Keys {
    Qt::Key key;
    Qt::KeyboardModifiers modifiers;
};

// The workbench's shortcuts (pages, run, cancel, undo/redo, use for runs, save, open, export,
// quit) and the keys that move focus, edit and answer dialogs.
const std::array<Keys, 38> kKeys = {{
    {Qt::Key_1, Qt::ControlModifier},     {Qt::Key_2, Qt::ControlModifier},
    {Qt::Key_3, Qt::ControlModifier},     {Qt::Key_4, Qt::ControlModifier},
    {Qt::Key_5, Qt::ControlModifier},     {Qt::Key_R, Qt::ControlModifier},
    {Qt::Key_Escape, Qt::NoModifier},     {Qt::Key_U, Qt::ControlModifier},
    {Qt::Key_Z, Qt::ControlModifier},     {Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier},
    {Qt::Key_Y, Qt::ControlModifier},     {Qt::Key_S, Qt::ControlModifier},
    {Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier}, {Qt::Key_N, Qt::ControlModifier},
    {Qt::Key_O, Qt::ControlModifier},     {Qt::Key_E, Qt::ControlModifier},
    {Qt::Key_Q, Qt::ControlModifier},     {Qt::Key_Tab, Qt::NoModifier},
    {Qt::Key_Backtab, Qt::ShiftModifier}, {Qt::Key_Return, Qt::NoModifier},
    {Qt::Key_Enter, Qt::NoModifier},      {Qt::Key_Space, Qt::NoModifier},
    {Qt::Key_Up, Qt::NoModifier},         {Qt::Key_Down, Qt::NoModifier},
    {Qt::Key_Left, Qt::NoModifier},       {Qt::Key_Right, Qt::NoModifier},
    {Qt::Key_PageUp, Qt::NoModifier},     {Qt::Key_PageDown, Qt::NoModifier},
    {Qt::Key_Home, Qt::NoModifier},       {Qt::Key_End, Qt::NoModifier},
    {Qt::Key_Delete, Qt::NoModifier},     {Qt::Key_Backspace, Qt::NoModifier},
    {Qt::Key_F2, Qt::NoModifier},         {Qt::Key_F, Qt::AltModifier},
    {Qt::Key_A, Qt::ControlModifier},     {Qt::Key_C, Qt::ControlModifier},
    {Qt::Key_V, Qt::ControlModifier},     {Qt::Key_X, Qt::ControlModifier},
}};

// Text that looks like what analysts type (numbers, JSON, names, URLs) and what they should not.
const std::array<const char*, 14> kWords = {
    "0",    "0.55", "-1",   "1e308", "abc", "sim/nano", "http://10.1.2.3/v1", "\"layers\": 2", "{", "}",
    "keychain:x", "env:BATON_MONKEY", "é✓", "]"};

QPoint clampInto(const QPoint& p, const QWidget& w) {
    return {std::clamp(p.x(), 0, std::max(0, w.width() - 1)), std::clamp(p.y(), 0, std::max(0, w.height() - 1))};
}

/// The deepest visible child under `p` (in `top`'s coordinates) and `p` in its coordinates.
std::pair<QWidget*, QPoint> widgetAt(QWidget& top, const QPoint& p) {
    QWidget* child = top.childAt(p);
    if (!child) return {&top, p};
    return {child, child->mapFrom(&top, p)};
}

} // namespace

QString Monkey::randomText() {
    QString text;
    int words = uniform(1, 3);
    for (int i = 0; i < words; ++i) {
        if (i) text += QLatin1Char(' ');
        text += QString::fromUtf8(kWords[size_t(uniform(0, int(kWords.size()) - 1))]);
    }
    return text;
}

MonkeyAction Monkey::next(const QWidget& target, bool isMainWindow) {
    MonkeyAction a;
    auto point = [&] { return QPoint(uniform(0, std::max(0, target.width() - 1)), uniform(0, std::max(0, target.height() - 1))); };
    int roll = uniform(0, 99);
    if (roll < 34) {
        a.kind = MonkeyAction::Kind::Click, a.from = point();
        a.modifiers = uniform(0, 9) == 0 ? int(Qt::ShiftModifier) : 0;
    } else if (roll < 40) {
        a.kind = MonkeyAction::Kind::DoubleClick, a.from = point();
    } else if (roll < 43) {
        a.kind = MonkeyAction::Kind::RightClick, a.from = point();
    } else if (roll < 50) {
        a.kind = MonkeyAction::Kind::Drag, a.from = point(), a.to = point();
    } else if (roll < 80) {
        const Keys& k = kKeys[size_t(uniform(0, int(kKeys.size()) - 1))];
        a.kind = MonkeyAction::Kind::Key, a.key = int(k.key), a.modifiers = int(k.modifiers);
    } else if (roll < 95 || !isMainWindow) {
        a.kind = MonkeyAction::Kind::Text, a.text = randomText();
    } else {
        // Down to 640x480, the smallest screen the workbench is used on.
        a.kind = MonkeyAction::Kind::Resize, a.size = QSize(uniform(640, 1600), uniform(480, 1100));
    }
    return a;
}

QWidget* Monkey::target(QWidget* mainWindow) {
    if (QWidget* popup = QApplication::activePopupWidget()) return popup;
    if (QWidget* modal = QApplication::activeModalWidget()) return modal;
    return mainWindow;
}

void Monkey::perform(const MonkeyAction& a, QWidget& target) {
    // Press and release are sent apart, each only while its widget lives: a press may close and
    // delete what it pressed (the monkey must not crash on its own dangling pointer).
    auto modifiers = Qt::KeyboardModifiers(a.modifiers);
    switch (a.kind) {
    case MonkeyAction::Kind::Click:
    case MonkeyAction::Kind::DoubleClick:
    case MonkeyAction::Kind::RightClick: {
        auto [w, p] = widgetAt(target, clampInto(a.from, target));
        QPointer<QWidget> alive(w);
        Qt::MouseButton button = a.kind == MonkeyAction::Kind::RightClick ? Qt::RightButton : Qt::LeftButton;
        QTest::mousePress(w, button, modifiers, p);
        if (alive) QTest::mouseRelease(w, button, modifiers, p);
        if (alive && a.kind == MonkeyAction::Kind::DoubleClick) QTest::mouseDClick(w, button, modifiers, p);
        break;
    }
    case MonkeyAction::Kind::Drag: {
        auto [w, p] = widgetAt(target, clampInto(a.from, target));
        QPointer<QWidget> alive(w);
        QPoint end = w->mapFrom(&target, clampInto(a.to, target));
        QTest::mousePress(w, Qt::LeftButton, {}, p);
        if (alive) QTest::mouseMove(w, (p + end) / 2);
        if (alive) QTest::mouseMove(w, end);
        if (alive) QTest::mouseRelease(w, Qt::LeftButton, {}, end);
        break;
    }
    case MonkeyAction::Kind::Key:
    case MonkeyAction::Kind::Text: {
        QWidget* focus = QApplication::focusWidget();
        QPointer<QWidget> w(focus && focus->window() == target.window() ? focus : &target);
        auto send = [&](Qt::Key key, const QString& text) {
            if (w) QTest::sendKeyEvent(QTest::Press, w, key, text, modifiers);
            if (w) QTest::sendKeyEvent(QTest::Release, w, key, text, modifiers);
        };
        if (a.kind == MonkeyAction::Kind::Key)
            send(Qt::Key(a.key), {});
        else
            for (QChar c : a.text)
                send(Qt::Key_unknown, QString(c));
        break;
    }
    case MonkeyAction::Kind::Resize:
        if (target.isWindow()) target.resize(a.size);
        break;
    case MonkeyAction::Kind::StartRun:
        break; // the driver's: it owns the run page
    }
}

} // namespace baton::monkey
