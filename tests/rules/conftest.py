"""Make the helper modules of ``tests/rules`` importable under any pytest import mode.

``tests/rules`` has no ``__init__.py`` (a ``tests/rules`` package would shadow the
``rules`` package under test), so the helpers ``rule_builders`` and ``rule_vocabulary``
are imported as top-level modules from this folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
