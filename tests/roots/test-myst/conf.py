extensions = ["myst_parser", "sphinx_vlmcatalog"]
project = "myst"
myst_enable_extensions = ["colon_fence"]

# Set explicitly: myst-parser adds ".md" to this dict, and without a value here it would
# change Sphinx's shared default for every later app in the test process.
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
