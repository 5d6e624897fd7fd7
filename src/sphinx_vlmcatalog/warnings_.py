"""Warning type and subtypes of the extension, and the one helper that logs them.

Every message goes through :func:`log_warning`, so each carries ``type="vlmcatalog"``, a
subtype from :class:`~sphinx_vlmcatalog.catalog.issues.Subtype` and a location, and users can
silence one kind with ``suppress_warnings = ["vlmcatalog.<subtype>"]``. Sphinx >= 8 appends
the ``[type.subtype]`` suffix itself, so it is never written here. Messages and locations hold
catalog data, so control characters are escaped and long values cut (:func:`.safe_text`): a
value cannot forge a ``path:line`` line, a CI annotation or a terminal sequence.
"""

from __future__ import annotations

import logging as _stdlib_logging
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .catalog.issues import Subtype, safe_text

if TYPE_CHECKING:
    from docutils.nodes import Node

__all__ = ["WARNING_TYPE", "Subtype", "log_warning"]

#: The ``type`` of every warning this extension emits.
WARNING_TYPE = "vlmcatalog"

logger = logging.getLogger(__name__)


def log_warning(
    message: str,
    subtype: Subtype,
    location: str | tuple[str, int | None] | Node | None,
    *,
    once: bool = False,
    error: bool = False,
) -> None:
    """Log ``message`` as a ``vlmcatalog.<subtype>`` warning (or error) at ``location``.

    :param location: ``"path:line"``, ``(docname, line)``, a node, or None
    :param once: report an identical message only once per build
    :param error: log at ERROR level (``vlmcatalog_strict``) instead of WARNING
    """
    if isinstance(location, str):
        location = safe_text(location)
    kwargs: dict[str, Any] = {"type": WARNING_TYPE, "subtype": str(subtype), "location": location}
    if once:
        kwargs["once"] = True
    level = _stdlib_logging.ERROR if error else _stdlib_logging.WARNING
    logger.log(level, safe_text(message), **kwargs)
