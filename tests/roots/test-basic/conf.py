extensions = ["sphinx_vlmcatalog"]
project = "basic"
vlmcatalog_path = "catalog"
latex_documents = [("index", "basic.tex", "Basic", "Tests", "manual")]
