// SPDX-License-Identifier: MIT
#pragma once
// ActionSharesView: a bar chart of what a coordinator policy did per category: the shares of
// items answered directly, planned, verified and synthesized (the learned behaviour table's
// figures, drawn).

#include "behaviour_table_model.h"

#include <QChartView>

namespace baton::ui {

class ActionSharesView : public QChartView {
    Q_OBJECT
public:
    explicit ActionSharesView(QWidget* parent = nullptr);
    /// Draws the shares of `table` (one group of bars per row).
    void setBehaviour(const BehaviourTableModel& table);
};

} // namespace baton::ui
