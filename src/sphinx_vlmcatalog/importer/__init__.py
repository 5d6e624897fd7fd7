"""Import awesome lists (Markdown) into the YAML catalog; no Sphinx imports.

:mod:`.pipeline` runs an import (:func:`.pipeline.run_import`); :mod:`.cli` is
``vlmcatalog import``.
"""
