"""Names of a package that are imported from their modules on first use (PEP 562).

Every build pays for what the extension imports when Sphinx loads it; parts only some commands
need (the importer, the exporters, and PyYAML behind them) stay unimported until used.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_names(package: str, homes: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that takes each name in ``homes`` from its
    module (relative to ``package``) when it is first asked for."""

    def __getattr__(name: str) -> Any:  # noqa: N807 (the module hook's own name)
        if name not in homes:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        return getattr(import_module(homes[name], package), name)

    return __getattr__
