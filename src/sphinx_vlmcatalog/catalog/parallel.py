"""Share the parsing of catalog files with one forked child process.

Loading a large catalog cold is pure Python, one file after another. Where the platform forks
and has more than one processor, the files to parse are split: a forked child parses and
validates its share (writing the cache as usual) and sends the results back, while this
process takes the rest, cache hits included. The results are the same and in the same order as
a serial load; a child that fails only costs time, since its files are then loaded here.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from .reader import paused_gc

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

R = TypeVar("R")

#: Below this many bytes to parse, starting a child costs more than it saves.
MIN_BYTES = 1_000_000
#: Costs, as shares of parsing and validating a file, measured on the benchmark's catalog: taking
#: its result from a pickle (a cache hit, or the child's result received here), and pickling the
#: result in the child to send it.
UNPICKLE = 0.3
SEND = 0.1


def can_fork() -> bool:
    """True where a forked child is safe and can run beside this process."""
    return (
        os.name == "posix"  # as Sphinx decides for -j
        and "fork" in multiprocessing.get_all_start_methods()
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1  # forking a threaded process can deadlock the child
    )


def child_share(to_parse: Mapping[int, int], hit_bytes: int) -> list[int]:
    """The files (keys of ``to_parse``, which gives the bytes of each) the child should parse.

    This process parses its share and reads the cache hits (``hit_bytes``) while the child
    parses and sends; then it takes the child's results. Files move to the child, last first,
    while that makes the whole shorter. Empty when there is too little to parse for a child.
    """
    total = sum(to_parse.values())
    if total < MIN_BYTES:
        return []

    def duration(child_bytes: int) -> float:
        here = total - child_bytes + UNPICKLE * hit_bytes
        return max((1 + SEND) * child_bytes, here) + UNPICKLE * child_bytes

    child: list[int] = []
    child_bytes = 0
    for index in reversed(list(to_parse)):
        if duration(child_bytes + to_parse[index]) >= duration(child_bytes):
            break
        child.append(index)
        child_bytes += to_parse[index]
    return sorted(child)


def load_split(load: Callable[[int], R], count: int, child: Sequence[int]) -> list[R]:
    """``[load(i) for i in range(count)]``, with the indices in ``child`` loaded by a child.

    The child sends its results together at the end: sent one by one, each would wait in the
    pipe until this process, busy with its own share, read it.
    """
    if not child or not can_fork():
        return [load(i) for i in range(count)]
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(load, list(child), sender), daemon=True)
    process.start()
    sender.close()
    theirs = set(child)
    results: dict[int, R] = {i: load(i) for i in range(count) if i not in theirs}
    try:
        with paused_gc():  # as for a cache hit: the results are many new containers, no cycles
            received = receiver.recv()
    except (EOFError, OSError, pickle.UnpicklingError):  # the child died without a word
        received = None
    finally:
        receiver.close()
        process.join()
    if isinstance(received, list) and len(received) == len(child):
        results.update(zip(child, received, strict=True))
    else:  # the child failed: load its files here
        results.update((i, load(i)) for i in child)
    return [results[i] for i in range(count)]


def _child(load: Callable[[int], R], indices: list[int], sender: Connection) -> None:
    try:
        sender.send([load(i) for i in indices])
    except Exception:  # noqa: BLE001 - any failure: the parent loads these files itself
        sender.send(None)
    finally:
        sender.close()
