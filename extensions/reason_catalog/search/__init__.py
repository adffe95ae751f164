"""The reason browser's search: the lunr index built in Python and the reference query."""
