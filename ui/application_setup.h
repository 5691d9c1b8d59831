// SPDX-License-Identifier: MIT
#pragma once
// What the workbench does to its QApplication before any window: icons, theme, and the C locale
// for numbers. QCoreApplication calls setlocale(LC_ALL, "") on Unix, so under LANG=de_DE.UTF-8
// every strtod, printf("%f") and std::to_string(double) of the core (and of libxlsxwriter and
// Graphviz) would read "3.5" as 3 and write "720,00" into an SVG, and strptime would not read
// an HTTP date's "Wed" and "Oct"; the core, like the CLI, is written for the C locale. Qt's own
// formatting for display (QLocale) still follows the user.

class QApplication;

namespace baton::ui {

/// Once, right after the QApplication is made (app/gui_main.cpp).
void setUpApplication(QApplication& app);

} // namespace baton::ui
