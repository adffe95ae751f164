"""The drift check: a catalogue against its API's OpenAPI spec, its own history and real bodies.

Pure Python, like :mod:`..catalogue`: spec files are read with positions (:mod:`.document`)
from disk or git (:mod:`.sources`) and walked with jsonschema-path (:mod:`.openapi`); each
check has its module (:mod:`.operations`, :mod:`.coverage`, :mod:`.envelope`, :mod:`.history`,
:mod:`.observed`), :mod:`.run` puts them together and :mod:`.report` writes the result.
"""
