"""The catalogue: YAML with positions → the file format → a resolved, immutable model.

Pure Python with no Sphinx import: the command line, the exports and the Sphinx extension all
read catalogues through :func:`.load.load_catalogues` and the objects of :mod:`.model`.
"""
