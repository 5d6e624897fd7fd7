"""Sphinx configuration of the sphinx-vlmcatalog survey site and user guide."""

from __future__ import annotations

import sys
from pathlib import Path

import sphinx_vlmcatalog

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Vision-Language Models: a Cataloged Survey"
author = "sphinx-vlmcatalog developers"
copyright = "2026, sphinx-vlmcatalog developers"
version = release = sphinx_vlmcatalog.__version__

extensions = ["myst_parser", "sphinx_design", "sphinx_vlmcatalog", "vlmdocs"]
vlmcatalog_path = "../catalog"
# one HTML page per entry, generated into docs/entries/ (git-ignored; not part of the PDF)
vlmcatalog_entry_pages = "entries"
# "CLIP [3]": every mention gives its number in the references chapter (survey/references.md)
vlmcatalog_citation_style = "numeric"
# in the PDF, a table of more rows breaks across pages (a longtable) instead of moving whole to
# the next page, which left pages half empty or ran past the foot of the page
vlmcatalog_longtable_rows = 8
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "snippets"]
# captioned figures and tables are numbered by chapter ("Figure 3.2"), as in the PDF: the
# survey's toctree is :numbered:, and numfig_secnum_depth (1) keeps the chapter's number only
numfig = True
numfig_format = {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s"}

html_theme = "furo"
html_title = "VLM survey"
# furo's sidebar, with a link to the catalog explorer (explore.html) below the chapters
templates_path = ["_templates"]
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/explore.html",
        "sidebar/scroll-end.html",
        "sidebar/variant-selector.html",
    ]
}
# the site's own stylesheet (print fixes for furo); its folder only, so that the screenshots
# in _static are not copied a second time
html_static_path = ["_static/site"]
html_css_files = ["print.css"]

# PDF: LuaLaTeX, so that one font fallback chain covers what FreeSerif lacks: CJK from Noto Serif
# CJK (fonts-noto-cjk) and emoji in colour from Noto Color Emoji (fonts-noto-color-emoji), both
# shaped by HarfBuzz. The "manual" class gives chapters. Two books: the survey (index.md holds
# the user guide's toctree in an HTML-only block) and the user guide on its own.
latex_engine = "lualatex"
latex_documents = [
    ("index", "vlm-survey.tex", project, author, "manual"),
    ("guide/index", "vlm-guide.tex", "sphinx-vlmcatalog: user guide", author, "manual"),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # chapters start on the next page, not the next right-hand page: no blank pages on screen
    "extraclassoptions": "openany,oneside",
    # figures (the vlm-chart charts) stay where the text puts them: a float deferred to the top
    # of the next page overfills it when a longtable starts there (longtable ignores the float)
    "figure_align": "H",
    # narrow table columns: a line may stretch rather than overfill, a hyphenated value
    # ("dynamic-resolution") may break after its hyphen (Sphinx's \sphinxhyphen forbids it),
    # and cells (each in a varwidth box, which resets paragraphs to justified) are ragged right
    # as their column spec asks, instead of stretched into gaps
    "preamble": r"""
\setlength{\emergencystretch}{3em}
\protected\def\sphinxhyphen#1{-\penalty\exhyphenpenalty\hskip0pt\relax}
\usepackage{etoolbox}
\makeatletter
\apptocmd{\@vwid@setup}{\raggedright}{}{\PackageWarning{vlm-survey}{cells stay justified}}
\makeatother
""",
    "fontpkg": r"""
\directlua{luaotfload.add_fallback("vlmfallback",
  {"Noto Serif CJK SC:mode=harf;", "Noto Sans CJK SC:mode=harf;", "Noto Color Emoji:mode=harf;"})}
\setmainfont{FreeSerif}[RawFeature={fallback=vlmfallback}]
\setsansfont{FreeSans}[RawFeature={fallback=vlmfallback}]
\setmonofont{FreeMono}[Scale=0.9, RawFeature={fallback=vlmfallback}]
""",
}
latex_show_urls = "no"
