// SPDX-License-Identifier: MIT
#pragma once
// Writes a drawn QGraphicsScene (routing graph, call timeline, cost chart) to PNG, SVG or PDF,
// scaled to fill the picture, white background; the suffix picks the format (.png if none).

#include <QString>

class QGraphicsScene;

namespace baton::ui {

/// `written` gets the path actually written (with the suffix added when it had none).
bool exportScene(QGraphicsScene& scene, const QString& path, QString* error = nullptr, QString* written = nullptr);

} // namespace baton::ui
