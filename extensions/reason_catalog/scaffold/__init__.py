"""Start a catalogue project in one command: ``python -m reason_catalog new <slug>``."""
