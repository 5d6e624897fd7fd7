extensions = ["sphinx.ext.intersphinx", "sphinx_vlmcatalog"]
project = "second"
# intersphinx_mapping is set by the test: it points at the first project's objects.inv
