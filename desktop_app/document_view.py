"""The document view (centre): rendered pages, zoom, fit to width, page navigation, rotation,
and a highlight box over every extracted value.

The scene is laid out in PDF points: each page is a `PageItem` of its size in points, and the
boxes are its children in the same points, so they stay exact at any zoom or rotation. A page
is rendered (at `render_scale` pixels per point) only when it comes near the screen, and only
the last few pages rendered are kept (`PAGE_CACHE_PIXELS`): a 1,000-page chart costs the pages
on screen, not the whole document. Clicking a box emits `box_clicked(item_id)`.
"""

from __future__ import annotations

from collections import OrderedDict
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
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.page_render import PageSource, pdf_box_to_pixels
from desktop_app.review_model import ValueItem, describe

PAGE_GAP = 12.0
PAGE_CACHE_PIXELS = 32_000_000
"""Pixels of rendered pages kept for repainting (about 128 MB); at least two pages are kept."""
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


class PageItem(QGraphicsRectItem):
    """One page, ``width`` × ``height`` points: white paper, its rendered image (set by the
    view when the page comes near the screen, cleared when it goes far away) or the reason it
    is not shown, and the value boxes as children. Painting is Qt's own: no Python runs in a
    paint event."""

    def __init__(self, index: int, width: float, height: float) -> None:
        super().__init__(QRectF(0, 0, width, height))
        self.index = index
        self.setBrush(QBrush(QColor(255, 255, 255)))
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.image = QGraphicsPixmapItem(self)
        self.image.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.note = QGraphicsSimpleTextItem("", self)
        self.note.setBrush(QBrush(QColor(90, 90, 90)))
        self.note.setPos(24, 24)
        self.shown: object = None
        """What is shown now: the cached pixmap or message object (identity), or None."""

    def display(self, kept: QPixmap | str | None) -> None:
        """Show a rendered page, or why it is not shown, or nothing (off screen)."""
        if kept is self.shown:
            return
        self.shown = kept
        if isinstance(kept, QPixmap) and kept.width() > 0:
            self.image.setPixmap(kept)
            self.image.setScale(self.rect().width() / kept.width())
            self.note.setText("")
        else:
            self.image.setPixmap(QPixmap())
            self.note.setText(f"Page {self.index + 1} is not shown: {kept}" if kept else "")


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
        self.view.verticalScrollBar().valueChanged.connect(self.show_visible_pages)
        self.view.horizontalScrollBar().valueChanged.connect(self.show_visible_pages)
        self.path: Path | None = None
        self.source: PageSource | None = None
        self.sizes: list[tuple[float, float]] = []
        """Each page in points: the extractor's measure when given, else the file's."""
        self.cache: OrderedDict[int, QPixmap | str] = OrderedDict()
        """Rendered pages (or why a page is not shown), least recently painted first."""
        self.page_items: list[PageItem] = []
        self.rotations: list[int] = []
        self.boxes: dict[str, BoxItem] = {}
        self.items: list[ValueItem] = []
        self.zoom = 1.0
        self.render_scale = 2.0
        self.selected: str | None = None
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
        self.show_visible_pages()

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
        self._close_source()
        self.path = None
        self.sizes, self.page_items, self.rotations, self.boxes = [], [], [], {}
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
                      page_sizes: list[tuple[float, float] | None] | None = None,
                      rotations: list[int] | None = None) -> None:
        """Show ``path`` and draw a box for each of ``items`` that has evidence.

        ``page_sizes`` are the pages in PDF points as the extractor measured them, by page
        index (boxes are in those points; None or missing: the file's own size);
        ``rotations`` turn pages the OCR found sideways or upside down upright (the boxes turn
        with them). Pages are rendered when they come into view."""
        path = Path(path)
        same = self.path == path and self.source is not None
        if not same:
            self._close_source()
            try:
                source = PageSource(path)
                sizes = [source.size(i) for i in range(source.count)]
            except Exception as exc:
                self.show_message(f"This document cannot be shown ({type(exc).__name__}).")
                return
            for index, measured in enumerate((page_sizes or [])[:len(sizes)]):
                if measured is not None:
                    sizes[index] = measured
            self.path = path
            self.source = source
            self.sizes = sizes
            self.rotations = [0] * len(sizes)
            for index, turn in enumerate((rotations or [])[:len(sizes)]):
                self.rotations[index] = int(turn) % 360
            self.render_scale = self._wanted_scale()
        self.items = items
        self.placeholder.hide()
        self.view.show()
        self._set_enabled(True)
        self._layout()
        if not same:
            self.fit_width()
            self.go_to_page(0)

    def _close_source(self) -> None:
        self.cache.clear()
        if self.source is not None:
            self.source.close()
            self.source = None

    def show_visible_pages(self) -> None:
        """Give the pages on screen (and the next one either way) their image; take it from
        pages far away, so a long chart costs only what is near the screen."""
        if not self.page_items or self.source is None:
            return
        area = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        margin = area.height()
        near = area.adjusted(0, -margin, 0, margin)
        for item in self.page_items:
            if item.sceneBoundingRect().intersects(near):
                self.page_pixmap(item.index)
                item.display(self.cache.get(item.index))
            else:
                item.display(None)

    def page_pixmap(self, index: int) -> tuple[QPixmap | None, str | None]:
        """Page ``index`` rendered at `render_scale` (rendered now if it is not kept), or why
        it is not shown. Keeps the last pages painted within `PAGE_CACHE_PIXELS`."""
        kept = self.cache.get(index)
        if kept is None and self.source is not None:
            try:
                page = self.source.render(index, self.render_scale)
                kept = QPixmap.fromImage(page.image)
            except ValueError as exc:  # over a budget: say so on the page
                kept = str(exc)
            except Exception as exc:
                kept = f"it could not be rendered ({type(exc).__name__})"
            self.cache[index] = kept
            self._trim_cache()
        elif kept is not None:
            self.cache.move_to_end(index)
        if isinstance(kept, QPixmap):
            return kept, None
        return None, kept

    def _trim_cache(self) -> None:
        def pixels() -> int:
            return sum(p.width() * p.height() for p in self.cache.values()
                       if isinstance(p, QPixmap))

        while len(self.cache) > 2 and pixels() > PAGE_CACHE_PIXELS:
            self.cache.popitem(last=False)

    def update_items(self, items: list[ValueItem]) -> None:
        """Redraw the boxes (statuses changed) without re-rendering pages."""
        if not self.page_items:
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

    def _layout(self) -> None:
        self.scene.clear()
        self.page_items, self.boxes = [], {}
        y = 0.0
        max_w = 0.0
        for index, (width_pt, height_pt) in enumerate(self.sizes):
            item = PageItem(index, width_pt, height_pt)
            item.setTransformOriginPoint(QPointF(width_pt / 2, height_pt / 2))
            item.setRotation(self.rotations[index])
            self.scene.addItem(item)
            bounds = item.sceneBoundingRect()
            item.setPos(item.pos() - bounds.topLeft() + QPointF(0, y))
            y += item.sceneBoundingRect().height() + PAGE_GAP
            max_w = max(max_w, item.sceneBoundingRect().width())
            self.page_items.append(item)
        for value in self.items:
            index = int(value.evidence["page"]) - 1 if value.evidence else -1
            if 0 <= index < len(self.page_items):
                x, top, w, h = pdf_box_to_pixels(value.evidence["bbox"], 1.0)  # type: ignore[index]
                box = BoxItem(value.id, QRectF(x - 2, top - 2, w + 4, h + 4), value.status,
                              describe(value), self.page_items[index])
                self.boxes[value.id] = box
        for item in self.page_items:  # centre narrower (rotated) pages
            rect = item.sceneBoundingRect()
            item.moveBy((max_w - rect.width()) / 2, 0)
        self.scene.setSceneRect(QRectF(-PAGE_GAP, -PAGE_GAP, max_w + 2 * PAGE_GAP,
                                       y + PAGE_GAP))
        if self.selected in self.boxes:
            self.boxes[self.selected].set_selected(True)
        self._emit_page()
        self.show_visible_pages()

    # zoom and pages ---------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        if not self.page_items:
            return
        self.zoom = max(0.2, min(6.0, zoom))
        dpi = self.logicalDpiX() / 72.0
        center = self.view.mapToScene(self.view.viewport().rect().center())
        self.view.resetTransform()
        self.view.scale(self.zoom * dpi, self.zoom * dpi)
        if self._wanted_scale() > self.render_scale * 1.2 and self.path is not None:
            self.render_scale = self._wanted_scale()
            self.cache.clear()  # pages are rendered again, sharper, as they come into view
            for item in self.page_items:
                item.display(None)
        self.view.centerOn(center)
        self.zoom_label.setText(f"{round(self.zoom * 100)} %")
        self.show_visible_pages()

    def fit_width(self) -> None:
        if not self.page_items:
            return
        self.fit_mode = True
        width_pt = self.scene.sceneRect().width()
        available = self.view.viewport().width() - 4
        dpi = self.logicalDpiX() / 72.0
        self.set_zoom(max(0.2, available / (width_pt * dpi)))

    def page_count(self) -> int:
        return len(self.page_items)

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
