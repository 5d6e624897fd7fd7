"""Wildcard matching for query values: ``*`` is any run of characters, ``?`` any one character.

Every other character, ``[``, ``]`` and ``\\`` included, stands for itself: there are no
character classes and no escapes. The matcher walks the pattern and the text once, going back
only to just after the last ``*`` it passed, so it takes at most about
``len(pattern) * len(text)`` steps whatever the pattern (a regular expression, as
``fnmatch`` builds, can take exponential time on a pattern such as ``*?*?*?*?*?!``).
``static/vlmcatalog-query.js`` has the same matcher.
"""

from __future__ import annotations


def has_wildcards(pattern: str) -> bool:
    """True if ``pattern`` contains ``*`` or ``?``."""
    return "*" in pattern or "?" in pattern


def glob_match(pattern: str, text: str) -> bool:
    """True if ``pattern`` matches the whole of ``text`` (case-sensitively)."""
    p = t = 0
    star = -1  # index in pattern of the last '*' passed, or -1
    resume = 0  # where in text that '*' stopped matching
    while t < len(text):
        if p < len(pattern) and pattern[p] == "*":
            star, resume = p, t
            p += 1
        elif p < len(pattern) and pattern[p] in ("?", text[t]):
            p += 1
            t += 1
        elif star >= 0:
            # let the last '*' take one more character, and retry the rest of the pattern
            resume += 1
            p, t = star + 1, resume
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)
