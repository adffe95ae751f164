"""Benchmarks of the site build: ``nox -s bench`` (see ``bench/run.py``)."""
