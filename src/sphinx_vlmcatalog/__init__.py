"""Sphinx extension and tools for a YAML catalog of vision-language-model works."""
