// SPDX-License-Identifier: MIT
#include "scene_export.h"

#include <QGraphicsScene>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <algorithm>

namespace baton::ui {

bool exportScene(QGraphicsScene& scene, const QString& chosen, QString* error, QString* written) {
    QString path = chosen;
    if (!path.endsWith(".png", Qt::CaseInsensitive) && !path.endsWith(".svg", Qt::CaseInsensitive) &&
        !path.endsWith(".pdf", Qt::CaseInsensitive))
        path += ".png";
    if (written) *written = path;
    QRectF source = scene.itemsBoundingRect().adjusted(-12, -12, 12, 12);
    // Twice the scene's size for a sharp picture, at least 800 points wide.
    double scale = std::max(2.0, 800.0 / std::max(1.0, source.width()));
    QSize size(int(source.width() * scale), int(source.height() * scale));
    bool ok = false;
    QPainter painter;
    if (path.endsWith(".pdf", Qt::CaseInsensitive)) {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageOrientation(source.width() >= source.height() ? QPageLayout::Landscape : QPageLayout::Portrait);
        if ((ok = painter.begin(&pdf))) {
            painter.setRenderHint(QPainter::Antialiasing);
            scene.render(&painter, QRectF(painter.viewport()), source, Qt::KeepAspectRatio);
            painter.end();
        }
    } else if (path.endsWith(".svg", Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        if ((ok = painter.begin(&svg))) {
            painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
            scene.render(&painter, QRectF(QPointF(0, 0), size), source, Qt::KeepAspectRatio);
            painter.end();
        }
    } else {
        QImage image(size, QImage::Format_ARGB32);
        image.fill(Qt::white);
        if (painter.begin(&image)) {
            painter.setRenderHint(QPainter::Antialiasing);
            scene.render(&painter, QRectF(QPointF(0, 0), size), source, Qt::KeepAspectRatio);
            painter.end();
            ok = image.save(path, "PNG");
        }
    }
    if (!ok && error)
        *error = QObject::tr("%1: could not be written; check the folder exists and is writable").arg(path);
    return ok;
}

} // namespace baton::ui
