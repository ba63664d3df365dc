"""The document view (centre): rendered pages, zoom, fit to width, page navigation, rotation,
and a highlight box over every extracted value.

The scene is laid out in PDF points. Each page is a pixmap rendered at `render_scale` pixels
per point and shown at 1/`render_scale`, so boxes are placed with `pdf_box_to_pixels` on the
pixmap and stay exact at any zoom or rotation. Clicking a box emits `box_clicked(item_id)`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.page_render import PageImage, pdf_box_to_pixels, render_pages
from desktop_app.review_model import ValueItem, describe

PAGE_GAP = 12.0
STATUS_COLOURS = {
    "found": QColor(230, 140, 0),
    "confirmed": QColor(0, 140, 60),
    "edited": QColor(0, 140, 60),
    "entered": QColor(0, 140, 60),
    "rejected": QColor(150, 150, 150),
}
SELECTED = QColor(0, 90, 220)


class BoxItem(QGraphicsRectItem):
    """The highlight over one value's evidence."""

    def __init__(self, item_id: str, rect: QRectF, status: str, tip: str,
                 parent: QGraphicsItem) -> None:
        super().__init__(rect, parent)
        self.item_id = item_id
        self.status = status
        self.setToolTip(tip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_selected(False)

    def set_selected(self, on: bool) -> None:
        colour = SELECTED if on else STATUS_COLOURS.get(self.status, SELECTED)
        pen = QPen(colour, 3 if on else 2)
        pen.setCosmetic(True)
        if self.status == "rejected" and not on:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(70 if on else 35)
        self.setBrush(QBrush(fill))
        self.setZValue(2 if on else 1)


class _View(QGraphicsView):
    box_clicked = Signal(str)
    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, BoxItem):
            self.box_clicked.emit(item.item_id)
            event.accept()
            return
        super().mousePressEvent(event)


class DocumentView(QWidget):
    """Pages of one document with highlight boxes.

    Signals:
        box_clicked(item_id): the user clicked a value's box.
        page_changed(page, total): the page in view changed (1-based).
    """

    box_clicked = Signal(str)
    page_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.view = _View(self.scene)
        self.view.setRenderHints(QPainter.RenderHint.Antialiasing
                                 | QPainter.RenderHint.SmoothPixmapTransform)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setBackgroundBrush(QBrush(QColor(90, 94, 100)))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.box_clicked.connect(self.box_clicked)
        self.view.resized.connect(self._view_resized)
        self.view.verticalScrollBar().valueChanged.connect(self._emit_page)
        self.path: Path | None = None
        self.pages: list[PageImage] = []
        self.page_items: list[QGraphicsPixmapItem] = []
        self.rotations: list[int] = []
        self.boxes: dict[str, BoxItem] = {}
        self.items: list[ValueItem] = []
        self.zoom = 1.0
        self.render_scale = 2.0
        self.selected: str | None = None
        self._page_sizes: list[tuple[float, float]] | None = None
        self.current_page = 0
        self.fit_mode = True
        """Keep the pages fitted to the width when the view is resized (until the user zooms)."""
        self._build_actions()
        self.placeholder = QLabel("Drop PDFs, faxes (TIFF) or images here, or press Ctrl+O.\n"
                                  "File ▸ Open sample shows a synthetic referral.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        bar = QHBoxLayout()
        for action in (self.act_prev, self.act_next):
            bar.addWidget(self._button(action))
        self.page_label = QLabel("")
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        for action in (self.act_zoom_out, self.act_zoom_in, self.act_fit, self.act_rotate):
            bar.addWidget(self._button(action))
        self.zoom_label = QLabel("")
        bar.addWidget(self.zoom_label)
        self.segments_label = QLabel("")
        self.segments_label.setObjectName("segments")
        self.segments_label.setWordWrap(True)
        self.segments_label.setToolTip("The documents this file holds, as read; click one to "
                                       "go to its first page")
        self.segments_label.linkActivated.connect(self._segment_clicked)
        self.segments_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.segments_label)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.view, 1)
        self.view.hide()
        self._set_enabled(False)

    # actions ----------------------------------------------------------------------------
    def _action(self, text: str, shortcut: QKeySequence | str | QKeySequence.StandardKey,
                slot: object, tip: str, icon_text: str) -> QAction:
        action = QAction(text, self)
        action.setIconText(icon_text)
        action.setShortcut(QKeySequence(shortcut))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})")
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.act_zoom_in = self._action("Zoom &in", QKeySequence.StandardKey.ZoomIn,
                                        self._zoom_in, "Zoom in", "+")
        self.act_zoom_out = self._action("Zoom &out", QKeySequence.StandardKey.ZoomOut,
                                         self._zoom_out, "Zoom out", "−")
        self.act_fit = self._action("&Fit to width", "Ctrl+0", self.fit_width, "Fit to width",
                                   "Fit width")
        self.act_next = self._action("&Next page", "Ctrl+PgDown",
                                     lambda: self.go_to_page(self.current_page + 1), "Next page",
                                     "▶")
        self.act_prev = self._action("&Previous page", "Ctrl+PgUp",
                                     lambda: self.go_to_page(self.current_page - 1),
                                     "Previous page", "◀")
        self.act_rotate = self._action("&Rotate page", "Ctrl+R", self.rotate_current,
                                       "Rotate this page 90° clockwise", "⟳ Rotate")

    def _zoom_in(self) -> None:
        self.fit_mode = False
        self.set_zoom(self.zoom * 1.25)

    def _zoom_out(self) -> None:
        self.fit_mode = False
        self.set_zoom(self.zoom / 1.25)

    def _view_resized(self) -> None:
        if self.fit_mode and self.page_items:
            self.fit_width()

    def actions_list(self) -> list[QAction]:
        return [self.act_zoom_in, self.act_zoom_out, self.act_fit, self.act_prev,
                self.act_next, self.act_rotate]

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def _set_enabled(self, on: bool) -> None:
        for action in self.actions_list():
            action.setEnabled(on)

    # content ----------------------------------------------------------------------------
    def clear(self) -> None:
        self.scene.clear()
        self.path = None
        self.pages, self.page_items, self.rotations, self.boxes = [], [], [], {}
        self.items = []
        self.page_label.setText("")
        self.zoom_label.setText("")
        self.set_segments("")
        self.view.hide()
        self.placeholder.show()
        self._set_enabled(False)

    def set_segments(self, html: str) -> None:
        """The line naming the parts of the file (a fax packet's cover, report, order…)."""
        self.segments_label.setText(html)
        self.segments_label.setVisible(bool(html))

    def _segment_clicked(self, link: str) -> None:
        if link.startswith("page:"):
            self.go_to_page(int(link.split(":", 1)[1]) - 1)

    def show_message(self, text: str) -> None:
        self.clear()
        self.placeholder.setText(text)

    def show_document(self, path: str | Path, items: list[ValueItem],
                      page_sizes: list[tuple[float, float]] | None = None,
                      rotations: list[int] | None = None) -> None:
        """Render ``path`` and draw a box for each of ``items`` that has evidence.

        ``page_sizes`` are the pages in PDF points as the extractor measured them (boxes are
        in those points); ``rotations`` turn pages the OCR found sideways or upside down
        upright (the boxes turn with them)."""
        path = Path(path)
        same = self.path == path and len(self.pages) > 0
        if not same:
            try:
                pages = render_pages(path, self._wanted_scale())
            except Exception as exc:
                self.show_message(f"This document cannot be shown ({type(exc).__name__}).")
                return
            self.path = path
            self.pages = pages
            self.rotations = [0] * len(pages)
            for index, turn in enumerate((rotations or [])[:len(pages)]):
                self.rotations[index] = int(turn) % 360
            self._page_sizes = page_sizes
            self.render_scale = self._wanted_scale()
        self.items = items
        self.placeholder.hide()
        self.view.show()
        self._set_enabled(True)
        self._layout()
        if not same:
            self.fit_width()
            self.go_to_page(0)

    def update_items(self, items: list[ValueItem]) -> None:
        """Redraw the boxes (statuses changed) without re-rendering pages."""
        if not self.pages:
            return
        self.items = items
        with_boxes = {i.id: i for i in items if i.evidence}
        if set(with_boxes) != set(self.boxes):
            self._layout()
            return
        for item_id, box in self.boxes.items():  # same boxes: restyle, do not re-render
            box.status = with_boxes[item_id].status
            box.setToolTip(describe(with_boxes[item_id]))
            box.set_selected(item_id == self.selected)

    def _wanted_scale(self) -> float:
        dpr = self.devicePixelRatioF() or 1.0
        return max(1.5, min(4.0, self.zoom * dpr * self.logicalDpiX() / 72.0))

    def _page_points(self, index: int) -> tuple[float, float]:
        if self._page_sizes and index < len(self._page_sizes):
            return self._page_sizes[index]
        page = self.pages[index]
        return page.width_pt, page.height_pt

    def _layout(self) -> None:
        self.scene.clear()
        self.page_items, self.boxes = [], {}
        y = 0.0
        max_w = 0.0
        for index, page in enumerate(self.pages):
            from PySide6.QtGui import QPixmap

            pixmap = QPixmap.fromImage(page.image)
            item = QGraphicsPixmapItem(pixmap)
            item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            width_pt, _height_pt = self._page_points(index)
            pixel_scale = page.image.width() / width_pt  # pixels per point of this page
            item.setScale(1.0 / pixel_scale)
            item.setTransformOriginPoint(QPointF(pixmap.width() / 2, pixmap.height() / 2))
            item.setRotation(self.rotations[index])
            self.scene.addItem(item)
            bounds = item.sceneBoundingRect()
            item.setPos(item.pos() - bounds.topLeft() + QPointF(0, y))
            y += item.sceneBoundingRect().height() + PAGE_GAP
            max_w = max(max_w, item.sceneBoundingRect().width())
            self.page_items.append(item)
            for value in self.items:
                if value.evidence and int(value.evidence["page"]) == index + 1:
                    x, top, w, h = pdf_box_to_pixels(value.evidence["bbox"], pixel_scale)
                    pad = 2 * pixel_scale
                    box = BoxItem(value.id, QRectF(x - pad, top - pad, w + 2 * pad, h + 2 * pad),
                                  value.status, describe(value), item)
                    self.boxes[value.id] = box
        for item in self.page_items:  # centre narrower (rotated) pages
            rect = item.sceneBoundingRect()
            item.moveBy((max_w - rect.width()) / 2, 0)
        self.scene.setSceneRect(QRectF(-PAGE_GAP, -PAGE_GAP, max_w + 2 * PAGE_GAP,
                                       y + PAGE_GAP))
        if self.selected in self.boxes:
            self.boxes[self.selected].set_selected(True)
        self._emit_page()

    # zoom and pages ---------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        if not self.pages:
            return
        self.zoom = max(0.2, min(6.0, zoom))
        dpi = self.logicalDpiX() / 72.0
        center = self.view.mapToScene(self.view.viewport().rect().center())
        self.view.resetTransform()
        self.view.scale(self.zoom * dpi, self.zoom * dpi)
        if self._wanted_scale() > self.render_scale * 1.2 and self.path is not None:
            self.render_scale = self._wanted_scale()
            self.pages = render_pages(self.path, self.render_scale)
            self._layout()
        self.view.centerOn(center)
        self.zoom_label.setText(f"{round(self.zoom * 100)} %")

    def fit_width(self) -> None:
        if not self.page_items:
            return
        self.fit_mode = True
        width_pt = self.scene.sceneRect().width()
        available = self.view.viewport().width() - 4
        dpi = self.logicalDpiX() / 72.0
        self.set_zoom(max(0.2, available / (width_pt * dpi)))

    def page_count(self) -> int:
        return len(self.pages)

    def go_to_page(self, index: int) -> None:
        if not self.page_items:
            return
        index = max(0, min(len(self.page_items) - 1, index))
        rect = self.page_items[index].sceneBoundingRect()
        bar = self.view.verticalScrollBar()
        top = self.view.mapFromScene(QPointF(rect.left(), rect.top() - PAGE_GAP / 2)).y()
        bar.setValue(bar.value() + top)
        self.current_page = index
        self._update_page_label()

    def _emit_page(self) -> None:
        if not self.page_items:
            return
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        for index, item in enumerate(self.page_items):
            rect = item.sceneBoundingRect().adjusted(0, -PAGE_GAP, 0, 0)
            if rect.top() <= centre.y() <= rect.bottom() + PAGE_GAP:
                if index != self.current_page:
                    self.current_page = index
                    self.page_changed.emit(index + 1, len(self.page_items))
                break
        self._update_page_label()

    def _update_page_label(self) -> None:
        self.page_label.setText(f"Page {self.current_page + 1} of {len(self.page_items)}")
        self.act_prev.setEnabled(self.current_page > 0)
        self.act_next.setEnabled(self.current_page < len(self.page_items) - 1)

    def rotate_current(self) -> None:
        if not self.page_items:
            return
        index = self.current_page
        self.rotations[index] = (self.rotations[index] + 90) % 360
        self._layout()
        self.go_to_page(index)

    # selection --------------------------------------------------------------------------
    def select_item(self, item_id: str | None) -> None:
        """Highlight one value's box and scroll it into view."""
        if self.selected in self.boxes:
            self.boxes[self.selected].set_selected(False)
        self.selected = item_id
        box = self.boxes.get(item_id or "")
        if box is None:
            return
        box.set_selected(True)
        rect = box.sceneBoundingRect()
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        if not visible.adjusted(20, 20, -20, -20).contains(rect):
            self.view.centerOn(rect.center())
        parent = box.parentItem()
        pages = [i for i, item in enumerate(self.page_items) if item is parent]
        page = pages[0] if pages else self.current_page
        if page != self.current_page:
            self.current_page = page
            self.page_changed.emit(page + 1, len(self.page_items))
        self._update_page_label()
