// SPDX-License-Identifier: MIT
#pragma once
// ModelSharesView: which models a coordinator policy chose per category: for each category a bar
// of 100% of its items, split by the model that answered first, and the rest (items whose first
// action was a plan, not one model's answer). The learned behaviour table's "first models", drawn.

#include "behaviour_table_model.h"

#include <QChartView>

namespace baton::ui {

class ModelSharesView : public QChartView {
    Q_OBJECT
public:
    explicit ModelSharesView(QWidget* parent = nullptr);
    /// Draws the shares of `table` (one bar per row).
    void setBehaviour(const BehaviourTableModel& table);
};

} // namespace baton::ui
