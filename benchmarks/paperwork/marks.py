"""Hand marks and office artefacts: circles, ticks, crosses, strike-outs, handwriting, stamps.

Every mark is jittered with the layout's random generator so that no two look alike.
"""

from __future__ import annotations

import math
import random

from .page import BLACK, INK, RED, Color, Page, text_width


def hand(
    pg: Page,
    rng: random.Random,
    x: float,
    y: float,
    s: str,
    size: float = 10.5,
    color: Color = INK,
    font: str = "hand",
) -> float:
    """Hand-filled text (an oblique condensed face, slightly tilted); returns its width."""
    angle = rng.uniform(-2.5, 2.5)
    return pg.text(
        x + rng.uniform(-1, 1), y + rng.uniform(-0.8, 0.8), s, font, size, color, angle=angle
    )


def circle(
    pg: Page,
    rng: random.Random,
    x: float,
    y: float,
    w: float,
    h: float,
    color: Color = INK,
    lw: float = 0.9,
) -> None:
    """A hand-drawn loop around the box (X, Y) top-left, W x H, overlapping at its ends."""
    cx, cy = x + w / 2 + rng.uniform(-1, 1), y + h / 2 + rng.uniform(-0.8, 0.8)
    rx, ry = w / 2 + rng.uniform(2.5, 4.5), h / 2 + rng.uniform(2.0, 3.5)
    start = rng.uniform(0, 2 * math.pi)
    sweep = 2 * math.pi + rng.uniform(0.25, 0.6)
    tilt = rng.uniform(-0.12, 0.12)
    pts = []
    n = 40
    for i in range(n + 1):
        t = start + sweep * i / n
        r = 1 + 0.06 * math.sin(3 * t + start) + rng.uniform(-0.015, 0.015)
        px, py = rx * r * math.cos(t), ry * r * math.sin(t)
        pts.append(
            (
                cx + px * math.cos(tilt) - py * math.sin(tilt),
                cy + px * math.sin(tilt) + py * math.cos(tilt),
            )
        )
    pg.polyline(pts, lw, color)


def circle_text(
    pg: Page,
    rng: random.Random,
    x: float,
    y: float,
    s: str,
    font: str,
    size: float,
    color: Color = INK,
) -> None:
    """Circle printed text S whose baseline starts at (X, Y)."""
    w = text_width(s, font, size)
    circle(pg, rng, x, y - size * 0.8, w, size * 0.95, color)


def tick(
    pg: Page, rng: random.Random, x: float, y: float, size: float = 8.0, color: Color = INK
) -> None:
    """A check mark whose box has its top-left corner at (X, Y)."""
    j = rng.uniform(-0.6, 0.6)
    pg.polyline(
        [
            (x + 0.1 * size, y + 0.5 * size + j),
            (x + 0.4 * size, y + 0.9 * size),
            (x + 1.15 * size, y - 0.25 * size + j),
        ],
        1.1,
        color,
    )


def cross(
    pg: Page, rng: random.Random, x: float, y: float, size: float = 8.0, color: Color = INK
) -> None:
    """An X over a box with its top-left corner at (X, Y)."""

    def j() -> float:
        return rng.uniform(-0.8, 0.8)

    pg.line(x + j(), y + j(), x + size + j(), y + size + j(), 1.0, color)
    pg.line(x + size + j(), y + j(), x + j(), y + size + j(), 1.0, color)


def strike(
    pg: Page,
    rng: random.Random,
    x0: float,
    x1: float,
    y: float,
    color: Color = INK,
    double: bool = False,
) -> None:
    """A hand stroke through text on baseline Y (a little above it)."""
    yy = y - 3 + rng.uniform(-0.5, 0.5)
    pg.line(x0 - 2, yy + rng.uniform(-1, 1), x1 + 2, yy + rng.uniform(-1, 1), 0.9, color)
    if double:
        pg.line(x0 - 2, yy + 2, x1 + 2, yy + 1.2, 0.9, color)


def checkbox(
    pg: Page,
    rng: random.Random,
    x: float,
    y: float,
    size: float = 7.5,
    mark: str | None = None,
    color: Color = INK,
) -> None:
    """A printed box (top-left X, Y) with an optional hand mark: 'x', 'tick' or 'fill'."""
    pg.rect(x, y, size, size, 0.6, BLACK)
    if mark == "x":
        cross(pg, rng, x + 0.8, y + 0.8, size - 1.6, color)
    elif mark == "tick":
        tick(pg, rng, x, y, size, color)
    elif mark == "fill":
        pg.rect(x + 1.5, y + 1.5, size - 3, size - 3, 0, color, fill=color, stroke=False)


def signature(
    pg: Page, rng: random.Random, x: float, y: float, w: float = 110.0, color: Color = INK
) -> None:
    """A scribbled signature on baseline Y."""
    pts = []
    n = 46
    for i in range(n):
        t = i / (n - 1)
        amp = 7 * (1 - 0.5 * t)
        pts.append(
            (
                x + w * t + rng.uniform(-2, 2),
                y - 4 + amp * math.sin(t * rng.uniform(16, 24)) + rng.uniform(-2, 2),
            )
        )
    pg.polyline(pts, 0.9, color)
    pg.line(x + w * 0.1, y + 2, x + w * 0.8, y + 1 + rng.uniform(-1, 1), 0.7, color)


def stamp(
    pg: Page,
    rng: random.Random,
    x: float,
    y: float,
    lines: list[str],
    color: Color = RED,
    size: float = 11.0,
) -> None:
    """A rubber stamp: boxed bold lines, slightly rotated (drawn as rotated text + frame)."""
    angle = rng.uniform(-8, 8)
    w = max(text_width(s, "sans-b", size) for s in lines) + 16
    h = len(lines) * size * 1.35 + 10
    x = max(12.0, min(x, pg.width - w - 16))  # keep the stamp on the page
    rad = math.radians(angle)

    def rot(px: float, py: float) -> tuple[float, float]:
        # rotate around (x, y); page y grows downwards, so a positive angle turns counter-clockwise
        return (
            x + px * math.cos(rad) + py * math.sin(rad),
            y - px * math.sin(rad) + py * math.cos(rad),
        )

    frame = [rot(0, 0), rot(w, 0), rot(w, h), rot(0, h), rot(0, 0)]
    pg.polyline(frame, 1.6, color)
    for i, s in enumerate(lines):
        tw = text_width(s, "sans-b", size)
        bx, by = rot((w - tw) / 2, 5 + size * 1.05 + i * size * 1.35)
        pg.text(bx, by, s, "sans-b", size, color, angle=angle)


def sticky_note(
    pg: Page, rng: random.Random, x: float, y: float, w: float, lines: list[str], size: float = 10.0
) -> None:
    """A yellow sticky note with handwriting (greyish on a fax)."""
    h = len(lines) * size * 1.45 + 12
    pg.rect(x, y, w, h, 0.4, (0.6, 0.6, 0.4), fill=(0.99, 0.96, 0.70))
    for i, s in enumerate(lines):
        hand(pg, rng, x + 6, y + 6 + size + i * size * 1.45, s, size)
