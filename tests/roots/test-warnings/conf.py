extensions = ["sphinx_vlmcatalog"]
project = "warnings"
vlmcatalog_card_columns = "1 2 99"
