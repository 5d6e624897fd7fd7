extensions = ["sphinx_vlmcatalog"]
project = "downloads"
vlmcatalog_path = "catalog"
latex_documents = [("index", "downloads.tex", "Downloads", "Tests", "manual")]
latex_engine = "xelatex"
