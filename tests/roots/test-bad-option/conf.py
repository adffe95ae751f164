extensions = ["reason_catalog"]
reason_catalog_paths = []
html_theme = "basic"
nitpicky = True
# A reason page needs its code in its name: this one would give every reason the same page.
reason_catalog_reason_page = "{api}/{reason}"
