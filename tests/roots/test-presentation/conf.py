extensions = ["reason_catalog"]
reason_catalog_paths = ["payments.yaml", "storage.yaml"]
html_theme = "basic"
nitpicky = True
