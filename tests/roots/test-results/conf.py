extensions = ["sphinx_vlmcatalog"]
project = "results"
vlmcatalog_path = "catalog"
vlmcatalog_entry_pages = "entries"
latex_documents = [("index", "results.tex", "Results", "Tests", "manual")]
latex_engine = "xelatex"
latex_use_xindy = False
numfig = True
