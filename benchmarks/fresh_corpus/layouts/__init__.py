"""Document layouts. Each builder takes a `Ctx` and returns a `Part` (pages + truth).

`REGISTRY` maps a layout name to its builder and document family; the build iterates it in
order, so adding a layout is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable

from ..context import Ctx
from ..truth import Part
from . import abg, cmn, discharge, exercise, notes, nursing, orders, oximetry, packets, pediatric

Builder = Callable[[Ctx], Part]

REGISTRY: dict[str, tuple[str, Builder]] = {}
for _module in (abg, oximetry, exercise, cmn, orders, notes, discharge, nursing, pediatric,
                packets):
    for _name, _builder in _module.LAYOUTS.items():
        assert _name not in REGISTRY, _name
        REGISTRY[_name] = (_module.__name__.rsplit(".", 1)[-1], _builder)

PEDIATRIC = {name for name in REGISTRY if name.startswith("peds_")}
