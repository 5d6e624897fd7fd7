"""The values of the ``results`` and ``metrics`` fields, each read on its own.

A model or paper lists ``results``: the benchmark (an entry id), the metric, the value as the
source prints it, the setting it was measured in, optionally the model variant, and the URL of
the text that states the number. A dataset or benchmark declares ``metrics``: each metric's name
and the range its values take. Whether a result fits its benchmark needs the whole catalog:
:mod:`.result_checks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .values import BadValue, Partial, as_id, as_number, as_str, check_link, describe

#: A value as sources print numbers: digits, thousands separated by commas or not, a fraction.
_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
#: The keys of one result, in the order they are written.
RESULT_KEYS = ("benchmark", "metric", "value", "setting", "variant", "source")
_REQUIRED = tuple(key for key in RESULT_KEYS if key != "variant")


@dataclass(frozen=True, slots=True)
class Result:
    """One number a source reports for an entry."""

    benchmark: str
    metric: str
    #: the value as the source prints it (``76.2``, ``1,531.3``)
    value: str
    setting: str
    source: str
    variant: str = ""
    #: the line the result starts on (0 if unknown)
    line: int = field(default=0, compare=False)

    @property
    def number(self) -> float:
        """The value as a number, for sorting and range checks."""
        return float(self.value.replace(",", ""))

    def data(self) -> dict[str, str]:
        """The result as a catalog file writes it (no empty variant)."""
        return {key: getattr(self, key) for key in RESULT_KEYS if getattr(self, key)}


def as_result(item: Any) -> Result:
    """One ``results`` item: a mapping of :data:`RESULT_KEYS` (``variant`` may be left out)."""
    if not isinstance(item, dict):
        raise BadValue(
            "must be a mapping with benchmark, metric, value, setting and source, got "
            + describe(item)
        )
    written = getattr(item, "written", item.get)  # numbers as written (a LineDict)
    for key in item:
        if key not in RESULT_KEYS:
            raise BadValue(f"'{key}' is not a result key (use {', '.join(RESULT_KEYS)})", at=(key,))
    missing = [key for key in _REQUIRED if item.get(key) in (None, "")]
    if missing:
        raise BadValue("lacks " + ", ".join(f"'{key}'" for key in missing))
    values: dict[str, str] = {}
    for key in RESULT_KEYS:
        if item.get(key) is None:
            continue
        try:
            values[key] = _result_value(key, written(key))
        except BadValue as exc:
            raise exc.within(f"'{key}'", key) from None
    return Result(**values, line=getattr(item, "line", 0))


def _result_value(key: str, raw: Any) -> str:
    if key == "benchmark":
        return as_id(raw)
    if key == "source":
        return check_link(raw)
    if key == "value":
        return as_printed_number(raw)
    return as_str(raw)


def as_printed_number(raw: Any) -> str:
    """A number as a source prints it (``76.2``, ``1,531.3``, ``0.7554``), kept as text."""
    text = as_str(raw)
    if not _NUMBER.fullmatch(text):
        raise BadValue(f"must be a number as printed (76.2, 1,531.3), got '{text[:40]}'")
    as_number(text)  # (bounded like every number)
    return text


def as_metrics(value: Any) -> dict[str, tuple[float, float]]:
    """A mapping of metric name to ``[low, high]``, the range its values take; bad metrics are
    left out (:class:`.Partial`)."""
    if not isinstance(value, dict):
        raise BadValue(f"must be a mapping of metric name to [low, high], got {describe(value)}")
    out: dict[str, tuple[float, float]] = {}
    problems = []
    for name, bounds in value.items():
        try:
            out[as_str(name)] = _bounds(bounds)
        except BadValue as exc:
            problems.append(exc.within(f"'{name}'", name))
    if problems:
        raise Partial(out, problems)
    return out


def _bounds(bounds: Any) -> tuple[float, float]:
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise BadValue(f"must be [low, high], got {describe(bounds)}")
    low, high = (as_number(bound) for bound in bounds)
    if not low < high:
        raise BadValue(f"must be [low, high] with low below high, got [{low}, {high}]")
    return (low, high)
