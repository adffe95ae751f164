extensions = ["reason_catalog", "myst_parser"]
reason_catalog_paths = ["example.yaml", "other.yaml"]
html_theme = "basic"
nitpicky = True
