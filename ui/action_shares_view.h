// SPDX-License-Identifier: MIT
#pragma once
// ActionSharesView: a bar chart of what a coordinator policy did per category (the learned
// behaviour table's figures, drawn): either the shares of items answered directly, planned,
// verified and synthesized, or, for the models chosen, each category's items split by the model
// that answered first and the rest (items whose first action was a plan).

#include "behaviour_table_model.h"

#include <QChartView>

namespace baton::ui {

class ActionSharesView : public QChartView {
    Q_OBJECT
public:
    enum class Shares { Actions, FirstModels };
    explicit ActionSharesView(Shares shares, QWidget* parent = nullptr);
    /// Draws the shares of `table` (one group of bars, or one stacked bar, per row).
    void setBehaviour(const BehaviourTableModel& table);

private:
    Shares m_shares;
};

} // namespace baton::ui
