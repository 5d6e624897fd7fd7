"""Control characters and line breaks in catalog strings, removed before values are checked.

A control character (DEL, ESC, BEL, ``\\x01``; any of U+0000-U+001F and U+007F-U+009F but tab,
line feed and carriage return) has no business in a title, and some stop the PDF build
("Text line contains an invalid character"). YAML lets them in through escapes in double
quotes (``"\\e"``, ``"\\x7f"``). They are removed from every string, and each value that had any
is reported, so the entry keeps the rest of its text.

Line breaks and tabs are whitespace, not damage: a carriage return becomes a line feed, and in
one-line fields (everything but ``summary`` and ``notes``) each tab and line break becomes a
space, without a report. A blank line inside a title would otherwise end a paragraph inside a
LaTeX heading, which stops the PDF.
"""

from __future__ import annotations

import re
from typing import Any

from .values import BadValue
from .yamlfile import LineDict, LineList

#: The control characters removed from every string.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Anything that needs a closer look: controls, tabs and line breaks (rare, so one search
#: usually settles a string).
_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f]")
_CARRIAGE_RETURN = re.compile("\r\n?")
_IN_ONE_LINE = re.compile("[\t\n]")


def clean_text(text: str, *, one_line: bool) -> tuple[str, str]:
    """``text`` without control characters (with tabs and line breaks as spaces if
    ``one_line``), and the distinct control characters it had, in order."""
    if _SUSPECT.search(text) is None:
        return text, ""
    removed = "".join(dict.fromkeys(CONTROLS.findall(text)))
    text = _CARRIAGE_RETURN.sub("\n", CONTROLS.sub("", text))
    if one_line:
        text = _IN_ONE_LINE.sub(" ", text)
    return text, removed


def _problem(removed: str) -> BadValue:
    names = ", ".join(f"U+{ord(c):04X}" for c in removed)
    return BadValue(f"contains control characters ({names}); they are removed")


def clean_value(value: Any, *, one_line: bool) -> tuple[Any, list[BadValue]]:
    """``value`` with :func:`clean_text` applied to every string in it (keys aside), and a
    problem for each string that had control characters, placed by list index and mapping key.

    Lists and mappings are copied (with their lines) only when a string in them changed.
    """
    if isinstance(value, str):
        text, removed = clean_text(value, one_line=one_line)
        return text, [_problem(removed)] if removed else []
    if isinstance(value, LineList):
        problems: list[BadValue] = []
        items = []
        for i, item in enumerate(value):
            new, found = clean_value(item, one_line=one_line)
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
            new, found = clean_value(item, one_line=one_line)
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
