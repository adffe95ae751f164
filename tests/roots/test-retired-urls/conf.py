extensions = ["reason_catalog", "myst_parser"]
reason_catalog_paths = ["example.yaml"]
html_theme = "basic"
nitpicky = True
