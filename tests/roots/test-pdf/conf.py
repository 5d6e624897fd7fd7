extensions = ["sphinx_vlmcatalog"]
project = "pdf"
vlmcatalog_path = "catalog"
vlmcatalog_citation_style = "numeric"
# the book holds index, one, two and refs; the guide (HTML-only in the index) is a PDF of its own
latex_documents = [
    ("index", "book.tex", "Book", "Tests", "manual"),
    ("guide", "guide.tex", "Guide", "Tests", "howto"),
]
latex_engine = "xelatex"
latex_use_xindy = False
# a main font with CJK glyphs, for the hostile entry's 中文
latex_elements = {"fontpkg": r"\setmainfont{Noto Serif CJK SC}"}
