"""Export the catalog as an awesome-list README (Markdown), JSON or BibTeX; no Sphinx imports.

- :mod:`.json`, :mod:`.bibtex`, :mod:`.markdown`: one format each, entry by entry;
- :mod:`.cli`: ``vlmcatalog export``.
"""
