"""Directives that put catalog entries into prose: tables, cards, lists and entry blocks."""
