extensions = ["myst_parser", "sphinx_vlmcatalog"]
project = "results"
vlmcatalog_path = "catalog"
vlmcatalog_entry_pages = "entries"
myst_enable_extensions = ["colon_fence"]
latex_documents = [("index", "results.tex", "Results", "Tests", "manual")]
latex_engine = "xelatex"
latex_use_xindy = False
