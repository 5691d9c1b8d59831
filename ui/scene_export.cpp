// SPDX-License-Identifier: MIT
#include "scene_export.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTextDocumentFragment>
#include <algorithm>

namespace baton::ui {

bool exportDrawing(const DrawFn& draw, QSize size, const QString& path, const QString& title, QString* error) {
    const QRectF target(QPointF(0, 0), size);
    bool ok = false;
    QPainter painter;
    if (path.endsWith(".pdf", Qt::CaseInsensitive)) {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageOrientation(size.width() >= size.height() ? QPageLayout::Landscape : QPageLayout::Portrait);
        pdf.setTitle(title);
        if ((ok = painter.begin(&pdf))) {
            painter.setRenderHint(QPainter::Antialiasing);
            QRect page = painter.viewport();
            double scale = std::min(page.width() / target.width(), page.height() / target.height());
            painter.scale(scale, scale);
            draw(painter, target);
            painter.end();
        }
    } else if (path.endsWith(".svg", Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(title.toHtmlEscaped()); // written into the XML as it is
        if ((ok = painter.begin(&svg))) {
            painter.fillRect(target, Qt::white);
            draw(painter, target);
            painter.end();
        }
    } else if (path.endsWith(".png", Qt::CaseInsensitive)) {
        QImage image(size, QImage::Format_ARGB32);
        image.fill(Qt::white);
        if (painter.begin(&image)) {
            painter.setRenderHint(QPainter::Antialiasing);
            draw(painter, target);
            painter.end();
            ok = image.save(path, "PNG");
        }
    } else {
        if (error) *error = QObject::tr("%1: choose a .png, .svg or .pdf file name").arg(path);
        return false;
    }
    if (!ok && error)
        *error = QObject::tr("%1: could not be written; check the folder exists and is writable").arg(path);
    return ok;
}

bool exportChartFile(QChart* chart, const QString& path, QString* error) {
    QChartView view(chart); // owns the chart from here
    view.setRenderHint(QPainter::Antialiasing);
    chart->setBackgroundRoundness(0);
    view.resize(kExportSize);
    (void)view.grab(); // lays the chart out at that size
    // The title's markup (<br><small> notes) in the file's title made an SVG no reader opens.
    const QString title = QTextDocumentFragment::fromHtml(chart->title()).toPlainText();
    return exportDrawing(
        [&view](QPainter& painter, const QRectF& target) {
            view.render(&painter, target, view.viewport()->rect(), Qt::IgnoreAspectRatio);
        },
        kExportSize, path, title, error);
}

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
    return exportDrawing(
        [&scene, source](QPainter& painter, const QRectF& target) {
            scene.render(&painter, target, source, Qt::KeepAspectRatio);
        },
        size, path, {}, error);
}

} // namespace baton::ui
