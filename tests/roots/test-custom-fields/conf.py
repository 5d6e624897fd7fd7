extensions = ["sphinx_vlmcatalog"]
project = "custom fields"
vlmcatalog_path = "catalog"
vlmcatalog_entry_pages = "entries"
# the catalog's own field as a default column and sort key: config-inited reads schema.yaml
vlmcatalog_table_columns = ["label", "year", "audio_hours"]
vlmcatalog_table_sort = "-audio_hours"
vlmcatalog_markdown_title = "Awesome Audio-Language Models"
vlmcatalog_domain_label = "ALM catalog"
vlmcatalog_filter_placeholder = "e.g. audio_hours:>=1000"
vlmcatalog_chart_labels = {"audio_hours": "hours of audio"}
latex_documents = [("index", "custom.tex", "Custom fields", "Tests", "manual")]
latex_engine = "xelatex"
latex_use_xindy = False
