"""Registration with Sphinx: the one place that calls ``app.add_*`` and ``app.connect``.

For now the extension loads the catalog once per build and reports its problems as
``vlmcatalog.<subtype>`` warnings at the YAML ``file:line``; directives and the domain follow.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sphinx.util import logging

from . import __version__
from .catalog.loader import load_catalog

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)


def load_catalog_once(app: Sphinx) -> None:
    """Load and validate the catalog, reporting each problem (``builder-inited``)."""
    paths = app.config.vlmcatalog_path
    if isinstance(paths, str):
        paths = [paths]
    roots = [os.path.join(app.confdir, p) for p in paths]
    result = load_catalog(roots, base=app.confdir)
    for issue in result.issues:
        logger.warning(
            issue.message, type="vlmcatalog", subtype=issue.subtype.value, location=str(issue.where)
        )
    logger.info("vlmcatalog: loaded %d entries", len(result.catalog))


def setup_extension(app: Sphinx) -> ExtensionMetadata:
    """Register configuration and event handlers."""
    app.add_config_value("vlmcatalog_path", "catalog", "env", types=(str, list))
    app.connect("builder-inited", load_catalog_once)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
