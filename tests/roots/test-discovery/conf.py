"""Sharing and discovery: meta tags, sitemap.xml, llms.txt and 404.html (test_discovery.py,
test_not_found.py). The site is published under a path, as html_baseurl says."""

from __future__ import annotations

project = "Discovery"
extensions = ["reason_catalog"]
reason_catalog_paths = ["example.yaml", "cloud.yaml"]
html_theme = "basic"
html_title = 'Errors "quoted" & <tagged>'
html_baseurl = "https://errors.example.com/docs/"
nitpicky = True
