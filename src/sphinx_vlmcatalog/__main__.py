"""``python -m sphinx_vlmcatalog`` runs the ``vlmcatalog`` command."""

import sys

from .cli import main

sys.exit(main())
