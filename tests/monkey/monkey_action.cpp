// SPDX-License-Identifier: MIT
#include "monkey_action.h"

#include <QStringList>
#include <array>

namespace baton::monkey {
namespace {

constexpr std::array<const char*, 8> kNames = {"click", "dclick", "rclick", "drag", "key", "text", "resize", "run"};

} // namespace

QString MonkeyAction::toLine() const {
    QString name = QString::fromLatin1(kNames[size_t(kind)]);
    switch (kind) {
    case Kind::Click:
    case Kind::DoubleClick:
    case Kind::RightClick:
        return QStringLiteral("%1 %2 %3 %4").arg(name).arg(from.x()).arg(from.y()).arg(modifiers);
    case Kind::Drag:
        return QStringLiteral("%1 %2 %3 %4 %5").arg(name).arg(from.x()).arg(from.y()).arg(to.x()).arg(to.y());
    case Kind::Key:
        return QStringLiteral("%1 %2 %3").arg(name).arg(key).arg(modifiers);
    case Kind::Text:
        return name + QLatin1Char(' ') + text;
    case Kind::Resize:
        return QStringLiteral("%1 %2 %3").arg(name).arg(size.width()).arg(size.height());
    case Kind::StartRun:
        return name;
    }
    return name;
}

std::optional<MonkeyAction> MonkeyAction::fromLine(const QString& line) {
    QStringList f = line.split(QLatin1Char(' '));
    auto it = std::find(kNames.begin(), kNames.end(), f.value(0).toStdString());
    if (it == kNames.end()) return std::nullopt;
    MonkeyAction a;
    a.kind = Kind(it - kNames.begin());
    auto n = [&](int i) { return f.value(i).toInt(); };
    switch (a.kind) {
    case Kind::Click:
    case Kind::DoubleClick:
    case Kind::RightClick:
        a.from = {n(1), n(2)}, a.modifiers = n(3);
        break;
    case Kind::Drag:
        a.from = {n(1), n(2)}, a.to = {n(3), n(4)};
        break;
    case Kind::Key:
        a.key = n(1), a.modifiers = n(2);
        break;
    case Kind::Text:
        a.text = line.mid(f.value(0).size() + 1);
        break;
    case Kind::Resize:
        a.size = {n(1), n(2)};
        break;
    case Kind::StartRun:
        break;
    }
    return a;
}

} // namespace baton::monkey
