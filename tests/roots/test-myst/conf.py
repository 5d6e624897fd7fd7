extensions = ["myst_parser", "sphinx_vlmcatalog"]
project = "myst"
myst_enable_extensions = ["colon_fence"]
