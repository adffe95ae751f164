"""Prose is stemmed in Python (``search/stemmer.py``) exactly as lunr.js stems it in the browser.

The word list is large and real: every word in the sources of Python's standard library, the
shipped catalogues' prose, and words made to reach each step of the algorithm. Each is stemmed
by lunr.js in Chromium (through the reason browser's own settings, as queries are) and here.
"""

from __future__ import annotations

import re
import sysconfig
from pathlib import Path
from typing import Any

from reason_catalog.search.stemmer import stem

ROOT = Path(__file__).resolve().parent.parent
LUNR = ROOT / "node_modules" / "lunr" / "lunr.min.js"
QUERY = ROOT / "extensions" / "reason_catalog" / "static" / "reason-query.js"

#: Words for each step and its edge cases (y first and last, double consonants, -eed, …).
EDGES = """caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated
troubled sized hopping tanned falling hissing fizzed failing filing happy sky relational
conditional rational valenci hesitanci digitizer conformabli radicalli differentli vileli
analogousli vietnamization predication operator feudalism decisiveness hopefulness
callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti
electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable
defensible irritant replacement adjustment dependent adoption homologou communism activate
angulariti homologous effective bowdlerize probate rate cease controll roll yes yelling
yay say cry by array arrays always anyway annoying played enjoy yellow syzygy eye dying
tying lying y ye yy a an is ion sion tion""".split()  # noqa: SIM905 - a word list


def word_list() -> list[str]:
    words: set[str] = set(EDGES)
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for path in sorted(stdlib.glob("*.py")) + sorted(stdlib.glob("*/*.py")):
        text = path.read_text(encoding="utf-8", errors="ignore")
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", text))
    for path in sorted((ROOT / "source_catalog").rglob("*.yaml")):
        words.update(w.lower() for w in re.findall(r"[^\W_]+", path.read_text(encoding="utf-8")))
    return sorted(words)


def test_python_stems_every_word_as_lunr_js_does(tab: Any) -> None:
    words = word_list()
    assert len(words) > 25_000
    tab.set_content("<!doctype html><title>stems</title>")
    tab.add_script_tag(path=str(LUNR))
    tab.add_script_tag(path=str(QUERY))
    from_js = tab.evaluate(
        """words => {
            const payload = {stopWords: [], methods: ["GET"], boosts: {}, minLength: {}};
            const s = ReasonQuery.settings(payload, lunr);
            return words.map(w => s.stem(w));
        }""",
        words,
    )
    differ = [(w, stem(w), js) for w, js in zip(words, from_js, strict=True) if stem(w) != js]
    assert differ == [], differ[:20]


def test_only_ascii_words_are_stemmed() -> None:
    assert stem("running") == "run"
    assert stem("relational") == "relat"
    assert stem("yelling") == "yell"
    assert stem("café") == "café"  # not English: kept as it is, on both sides
    assert stem("ab") == "ab"
