# The root every corpus case is built in: the case's files are added to catalog/ (YAML cases)
# or next to index.rst (directive cases), and the good entries below must still render.
extensions = ["sphinx_vlmcatalog", "myst_parser"]
project = "corpus"
vlmcatalog_path = "catalog"

# Set explicitly: myst-parser adds ".md" to this dict, and without a value here it would
# change Sphinx's shared default for every later app in the test process.
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
