extensions = ["sphinx_vlmcatalog"]
project = "exports"
vlmcatalog_path = "catalog"
latex_documents = [("index", "exports.tex", "Exports", "Tests", "manual")]
latex_engine = "xelatex"
