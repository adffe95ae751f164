extensions = ["reason_catalog"]
reason_catalog_paths = ["example.yaml"]
html_theme = "basic"
nitpicky = True
