extensions = ["sphinx_vlmcatalog"]
project = "basic"
vlmcatalog_path = "catalog"
latex_documents = [("index", "basic.tex", "Basic", "Tests", "manual")]
latex_engine = "xelatex"
latex_use_xindy = False
# a main font with CJK glyphs, so the hostile title's 中文 shows in the PDF
latex_elements = {"fontpkg": r"\setmainfont{Noto Serif CJK SC}"}
