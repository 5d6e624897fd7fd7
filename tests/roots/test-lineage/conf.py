extensions = ["sphinx_vlmcatalog"]
project = "lineage"
vlmcatalog_path = "catalog"
vlmcatalog_entry_pages = "entries"
latex_documents = [("index", "lineage.tex", "Lineage", "Tests", "manual")]
latex_engine = "xelatex"
latex_use_xindy = False
# a main font with CJK glyphs, for the hostile entry's 中文
latex_elements = {"fontpkg": r"\setmainfont{Noto Serif CJK SC}"}
