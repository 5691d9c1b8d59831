// SPDX-License-Identifier: MIT
#include "application_setup.h"

#include "file_dialog_icons.h"
#include "theme.h"

#include <QApplication>
#include <clocale>

namespace baton::ui {

void setUpApplication(QApplication& app) {
    // Numbers read and written by the core (grades, prices, CSV, SVG, XLSX) use '.' whatever the
    // user's LC_NUMERIC, and HTTP dates (Retry-After) are English whatever LC_TIME; the rest of
    // the user's locale (messages, collation) is left as Qt set it.
    std::setlocale(LC_NUMERIC, "C");
    std::setlocale(LC_TIME, "C");
    FileDialogIcons::install(app);
    Theme::install(app);
}

} // namespace baton::ui
