# One small project for every supported theme: tests/test_themes.py sets html_theme.
extensions = ["sphinx_vlmcatalog"]
project = "themes"
vlmcatalog_path = "catalog"
vlmcatalog_entry_pages = "entries"
exclude_patterns = ["_build"]
