"""Import awesome lists (Markdown) into the YAML catalog; no Sphinx imports.

:mod:`.pipeline` runs an import (:func:`.pipeline.run_import`); :mod:`.cli` is
``vlmcatalog import`` and :mod:`.emit` writes a starting mapping. Reading a list:
:mod:`.document` (markdown-it blocks), :mod:`.inline` (inline nodes), :mod:`.links` (what a link
points at), :mod:`.syntax` (column roles, kind words), :mod:`.state`, and the shapes in
:mod:`.markdown`, :mod:`.mentions`, :mod:`.bullets`, :mod:`.tables`, :mod:`.paragraphs` and
:mod:`.headings`. Then :mod:`.mapping`, :mod:`.merge`, :mod:`.build`, :mod:`.data` (the Markdown
export's data comments) and :mod:`.writer`.
"""
