// SPDX-License-Identifier: MIT
#pragma once
// PlaceholderPage: a page not built yet, saying what it will hold.

#include <QWidget>

namespace baton::ui {

class PlaceholderPage : public QWidget {
    Q_OBJECT
public:
    PlaceholderPage(const QString& title, const QString& description, QWidget* parent = nullptr);
};

} // namespace baton::ui
