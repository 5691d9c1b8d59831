// SPDX-License-Identifier: MIT
#pragma once
// The text of a table model as shown (display role, in the view's order), for exports that must
// say exactly what the screen says.

#include "io/text_table.h"

#include <QString>

class QAbstractItemModel;

namespace baton::ui {

/// Header and rows of `model` as displayed; when `rowHeaderTitle` is not empty the vertical
/// header becomes a first column with that title.
core::TextTable tableText(const QAbstractItemModel& model, const QString& rowHeaderTitle = {});

} // namespace baton::ui
