extensions = ["sphinx_vlmcatalog"]
project = "parallel"
