"""A holder for values that must not be pickled with the Sphinx environment."""

from __future__ import annotations

from typing import Any


class Transient:
    """A value for this process only: it pickles as empty.

    The catalog lives in the domain data, but not in the pickled environment: Sphinx pickles the
    whole environment at the end of a build and once per chunk of documents a parallel reader
    sends back, and a catalog of thousands of entries would be copied every time. The catalog
    is loaded again at the next build (from the file cache when its files are unchanged).
    """

    __slots__ = ("value",)

    def __init__(self, value: Any = None) -> None:
        self.value = value

    def __reduce__(self) -> tuple[type[Transient], tuple[()]]:
        return (Transient, ())
