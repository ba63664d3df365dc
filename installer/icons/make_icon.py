"""Draws the Oxygen Intake app icon (an O₂ molecule on a teal tile) with Pillow, no fonts.

    python installer/icons/make_icon.py [OUT_DIR]      # default: build/icons

Writes ``oxygen-intake.png`` (256 px, Linux desktop entry and window icon),
``oxygen-intake-512.png``, ``oxygen-intake.ico`` (16–256 px, Windows executables and installer)
and ``oxygen-intake.icns`` (macOS). Drawn at 1024 px and scaled down, so edges are smooth;
the same Pillow version gives the same files. Generated at build time, not committed
(the repository ignores ``*.png``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 1024
TILE = (0, 122, 122, 255)
"""Teal background."""
INK = (255, 255, 255, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "build" / "icons"


def draw_icon(size: int = SIZE) -> Image.Image:
    """The icon at ``size`` pixels (square, transparent corners)."""
    s = size / 1024
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((40 * s, 40 * s, 984 * s, 984 * s), radius=190 * s, fill=TILE)
    # two oxygen atoms joined by a double bond
    cy, r, ring = 460, 150, 64
    for cx in (290, 734):
        d.ellipse(((cx - r) * s, (cy - r) * s, (cx + r) * s, (cy + r) * s),
                  outline=INK, width=round(ring * s))
    for dy in (-38, 38):
        d.line((440 * s, (cy + dy) * s, 584 * s, (cy + dy) * s), fill=INK,
               width=round(34 * s))
    # a small check mark: the paperwork was checked
    d.line(((620 * s, 820 * s), (690 * s, 880 * s), (820 * s, 740 * s)), fill=INK,
           width=round(44 * s), joint="curve")
    return img


def main(out_dir: Path = DEFAULT_OUT) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    big = draw_icon()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(out_dir / "oxygen-intake.png")
    big.resize((512, 512), Image.Resampling.LANCZOS).save(out_dir / "oxygen-intake-512.png")
    big.save(out_dir / "oxygen-intake.ico", sizes=ICO_SIZES)
    big.save(out_dir / "oxygen-intake.icns")
    for name in ("oxygen-intake.png", "oxygen-intake.ico", "oxygen-intake.icns"):
        print(f"wrote {out_dir / name} ({(out_dir / name).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT))
