import os

extensions = ["reason_catalog", "sphinx.ext.intersphinx"]
reason_catalog_paths = []
html_theme = "basic"
nitpicky = True
intersphinx_mapping = {"errors": ("https://errors.example.com/", os.environ["RC_INVENTORY"])}
