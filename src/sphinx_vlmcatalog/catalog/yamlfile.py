"""Read one catalog file safely, remembering the line of every mapping key and list item.

PyYAML parses the text into events (with its C loader where available) and
:mod:`.yamlbuild` builds the Python values itself, so that it controls everything a hostile file
could abuse: only the standard scalar tags are accepted (``!!python/object`` and friends are
errors, not objects), merge keys are refused, a repeated key is an error rather than a silent
overwrite, alias expansion is bounded so that a "billion laughs" file fails at once instead of
exhausting memory, nesting is bounded and a value cannot contain itself, so that no file
exhausts the recursion limit. A file larger than :data:`MAX_FILE_BYTES` is refused before its
bytes are read.

PyYAML is imported on the first parse, not with this module: a load that finds every file in
the cache never needs it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .yamlbuild import (
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    TOO_DEEP,
    Builder,
    LineDict,
    LineList,
    YamlProblem,
    scalar_value,
    written,
)

if TYPE_CHECKING:
    import yaml

__all__ = [
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "LineDict",
    "LineList",
    "YamlProblem",
    "decode",
    "parse",
    "read_bytes",
    "scalar_value",
    "too_large",
    "written",
]

#: Files larger than this are refused before they are read.
MAX_FILE_BYTES = 10 * 1024 * 1024


def too_large(size: int) -> YamlProblem:
    """The problem of a file of ``size`` bytes, over :data:`MAX_FILE_BYTES`."""
    return YamlProblem(
        f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes "
        "(split it into several files)",
        1,
        syntax=False,
    )


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, refusing a file over the size limit, or one that is not a regular
    file (a pipe, a device), before reading any of it.

    :raises YamlProblem: if the file is too large or not a regular file
    :raises OSError: if it cannot be read
    """
    # (non-blocking, so that a pipe put in a file's place is refused, not waited on)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem("not a regular file (a pipe, socket or device)", 0, syntax=False)
        if info.st_size > MAX_FILE_BYTES:
            raise too_large(info.st_size)
        # bounded: a file that grew since it was looked at
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise too_large(max(info.st_size, len(data)))
    return data


def decode(data: bytes) -> str:
    """Decode UTF-8 (a leading BOM is allowed), naming the line of the first bad byte.

    :raises YamlProblem: if ``data`` is too large or not UTF-8
    """
    if len(data) > MAX_FILE_BYTES:
        raise too_large(len(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise YamlProblem(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            line,
            syntax=False,
        ) from None


def parse(text: str) -> Any:
    """Parse one YAML document into plain values, with :class:`LineDict` and :class:`LineList`
    for mappings and sequences (None for an empty document).

    :raises YamlProblem: on syntax errors, forbidden tags, merge keys, repeated keys, keys that
        are lists or mappings, alias bombs, values that contain themselves, and nesting deeper
        than :data:`MAX_DEPTH` levels.
    """
    import yaml

    loader = None
    try:
        # (the Python loader checks the characters as it is made, the C one as it reads)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        return Builder(yaml, loader).document()
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(*_syntax_message(exc)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (NUL, other controls)
        line = text.count("\n", 0, exc.position) + 1
        raise YamlProblem(f"YAML error: {exc}".splitlines()[0], line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}".splitlines()[0], 0) from None
    finally:
        if loader is not None:
            loader.dispose()


def _syntax_message(exc: yaml.MarkedYAMLError) -> tuple[str, int]:
    """One line for a syntax error, at the line a person should look at.

    An unclosed quote or bracket is only noticed at the end of the file; the line where it was
    opened (the error's context mark) is the useful one then.
    """
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark
    if "maximum nesting depth" in problem:  # libyaml's own limit (1,000), met scanning ahead
        return f"{TOO_DEEP}; flatten the structure", (mark.line + 1 if mark is not None else 0)
    message = f"YAML syntax error: {problem}"
    if exc.context and exc.context_mark is not None:
        message += f" ({exc.context} started on line {exc.context_mark.line + 1})"
        if "end of stream" in problem or mark is None:
            mark = exc.context_mark
    return message, (mark.line + 1 if mark is not None else 0)
