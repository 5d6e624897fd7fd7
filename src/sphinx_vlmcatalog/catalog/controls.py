"""Control characters in catalog strings, removed before values are checked.

A control character (DEL, ESC, BEL, VT, ``\\x01``) has no business in a title, and some stop
the PDF build ("Text line contains an invalid character"). YAML lets them in through escapes
in double quotes (``"\\e"``, ``"\\x7f"``). They are removed from every string but links, and
each value that had any is reported, so that the entry keeps the rest of its text (a link with
one is refused instead: :func:`.values.check_link`).

Which characters: :data:`.values.CONTROLS`, the C0 and C1 controls but tab, line feed, carriage
return and next line (U+0085): those four are the whitespace and line breaks YAML itself
reads, and a value keeps them as written.
"""

from __future__ import annotations

from typing import Any

from .values import CONTROLS, BadValue
from .yamlfile import LineDict, LineList


def clean_text(text: str) -> tuple[str, str]:
    """``text`` without control characters, and the distinct ones it had, in order."""
    if CONTROLS.search(text) is None:  # (nearly always: one search settles a string)
        return text, ""
    return CONTROLS.sub("", text), "".join(dict.fromkeys(CONTROLS.findall(text)))


def _problem(removed: str) -> BadValue:
    names = ", ".join(f"U+{ord(c):04X}" for c in removed)
    return BadValue(f"contains control characters ({names}); they are removed")


def clean_value(value: Any) -> tuple[Any, list[BadValue]]:
    """``value`` with :func:`clean_text` applied to every string in it (keys aside), and a
    problem for each string that had control characters, placed by list index and mapping key.

    Lists and mappings are copied (with their lines) only when a string in them changed.
    """
    if isinstance(value, str):
        text, removed = clean_text(value)
        return text, [_problem(removed)] if removed else []
    if isinstance(value, LineList):
        problems: list[BadValue] = []
        items = []
        for i, item in enumerate(value):
            new, found = clean_value(item)
            items.append(new)
            problems += [p.within(f"item {i + 1}", i) for p in found]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value, problems
        seq = LineList(value.line)
        seq.extend(items)
        seq.item_lines = value.item_lines
        seq.texts = value.texts
        return seq, problems
    if isinstance(value, LineDict):
        problems = []
        changed = {}
        for key, item in value.items():
            new, found = clean_value(item)
            if new is not item:
                changed[key] = new
            problems += [p.within(f"'{key}'", key) for p in found]
        if not changed:
            return value, problems
        mapping = LineDict(value.line)
        mapping.update(value)
        mapping.update(changed)
        mapping.key_lines = value.key_lines
        mapping.texts = value.texts
        return mapping, problems
    return value, []
