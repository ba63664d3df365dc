"""Page-image helpers: square pixels, turns and skew found, and boxes mapped back exactly."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from extractors.read.images import (
    despeckle,
    is_sideways,
    quarter_turn,
    rotate_small,
    skew_angle,
    to_page_image,
    unrotate_point,
    unskew_point,
)
from extractors.testing.generator import fax_images, generate


def _dot_image(w: int = 300, h: int = 200, x: int = 40, y: int = 150) -> np.ndarray:
    img = np.full((h, w), 255, dtype=np.uint8)
    img[y - 2:y + 3, x - 2:x + 3] = 0
    return img


def _dot_position(img: np.ndarray) -> tuple[float, float]:
    ys, xs = np.nonzero(img < 128)
    return float(xs.mean()), float(ys.mean())


@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_unrotate_point_inverts_quarter_turns(turns: int) -> None:
    img = _dot_image()
    turned = quarter_turn(img, turns)
    x, y = _dot_position(turned)
    ox, oy = unrotate_point(x + 0.5, y + 0.5, turns, img.shape[1], img.shape[0])
    assert (ox, oy) == pytest.approx((40.5, 150.5), abs=1.0)


@pytest.mark.parametrize("angle", [-3.0, 1.5])
def test_unskew_point_inverts_small_rotation(angle: float) -> None:
    img = _dot_image()
    rotated = rotate_small(img, angle)
    x, y = _dot_position(rotated)
    ox, oy = unskew_point(x, y, angle, img.shape[1], img.shape[0])
    assert (ox, oy) == pytest.approx((40.0, 150.0), abs=1.5)


def test_standard_fax_resolution_becomes_square_pixels() -> None:
    img = Image.new("L", (1728, 1078), 255)  # 204×98 dpi Letter-width fax page
    page = to_page_image(img, 204, 98, dpi=150)
    assert page.width_pt == pytest.approx(1728 / 204 * 72, rel=0.01)
    assert page.height_pt == pytest.approx(1078 / 98 * 72, rel=0.01)


def _page(index: int) -> np.ndarray:
    doc = generate(index)
    images, (xdpi, ydpi) = fax_images(doc)
    return to_page_image(images[0], xdpi, ydpi).image


def test_sideways_pages_are_detected() -> None:
    page = _page(4)
    assert not is_sideways(page)
    assert is_sideways(quarter_turn(page, 1))


def test_skew_is_measured() -> None:
    page = _page(4)
    straight = rotate_small(page, -generate(4).skew)  # undo the generator's skew
    assert skew_angle(straight) == pytest.approx(0.0, abs=0.3)
    assert skew_angle(rotate_small(straight, 2.0)) == pytest.approx(-2.0, abs=0.3)


def test_despeckle_removes_isolated_dots_only_on_noisy_pages() -> None:
    clean = _dot_image()
    assert despeckle(clean) is clean
    rng = np.random.default_rng(1)
    noisy = np.where(rng.random((200, 300)) < 0.01, 0, 255).astype(np.uint8)
    noisy[50:60, 50:150] = 0
    cleaned = despeckle(noisy)
    assert (cleaned < 128).sum() < (noisy < 128).sum()
    assert (cleaned[52:58, 60:140] < 128).all()
