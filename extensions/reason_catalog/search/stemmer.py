"""The Porter stemmer exactly as lunr.js 2.3.9 writes it, so that prose is stemmed alike on both
sides: the index is built here, and the browser stems the reader's words with ``lunr.stemmer``.

lunr.py's own stemmer is the reference Porter algorithm, which differs from lunr.js's on about
one word in a hundred (``array``: ``arrai`` here, ``array`` there), enough to make a word typed
in the browser miss the token the index holds. This is a transcription of lunr.js's function,
step by step and regular expression by regular expression; a test compares the two over tens of
thousands of words in Chromium. Only ASCII words are stemmed (the algorithm is for English, and
Python and JavaScript count non-ASCII characters differently); any other word is kept as it is,
on both sides.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STEP2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP3 = {
    "icate": "ic",
    "ative": "",
    "alize": "al",
    "iciti": "ic",
    "ical": "ic",
    "ful": "",
    "ness": "",
}

_c = "[^aeiou]"  # a consonant
_v = "[aeiouy]"  # a vowel
_C = _c + "[^aeiouy]*"  # a run of consonants
_V = _v + "[aeiou]*"  # a run of vowels

_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)  # [C]VC…: m > 0
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")  # [C]VC[V]: m = 1
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)  # [C]VCVC…: m > 1
_S_V = re.compile("^(" + _C + ")?" + _v)  # a vowel in the stem

_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A_2 = re.compile(r"^(.+?)([^s])s$")
_1B = re.compile(r"^(.+?)eed$")
_1B_2 = re.compile(r"^(.+?)(ed|ing)$")
_LAST = re.compile(r".$")
_1B_AT = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_1B_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile("^(.+?)(" + "|".join(_STEP2) + ")$")
_3 = re.compile("^(.+?)(" + "|".join(_STEP3) + ")$")
_4 = re.compile(
    r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$"
)
_4_2 = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5_LL = re.compile(r"ll$")
_5_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")


@lru_cache(maxsize=65536)  # prose repeats its words
def stem(word: str) -> str:
    """``word``'s stem as ``lunr.stemmer`` gives it (for an ASCII word), else ``word``."""
    if len(word) < 3 or not word.isascii():
        return word
    w = word
    initial_y = w[0] == "y"
    if initial_y:
        w = "Y" + w[1:]
    # Step 1a: plurals.
    if _1A.search(w):
        w = _1A.sub(r"\1\2", w, count=1)
    elif _1A_2.search(w):
        w = _1A_2.sub(r"\1\2", w, count=1)
    # Step 1b: -eed, -ed, -ing.
    if match := _1B.search(w):
        if _MGR0.search(match.group(1)):
            w = _LAST.sub("", w, count=1)
    elif match := _1B_2.search(w):
        base = match.group(1)
        if _S_V.search(base):
            w = base
            if _1B_AT.search(w):
                w += "e"
            elif _1B_DOUBLE.search(w):
                w = _LAST.sub("", w, count=1)
            elif _1B_CVC.search(w):
                w += "e"
    # Step 1c: a final y after a consonant becomes i.
    if match := _1C.search(w):
        w = match.group(1) + "i"
    # Steps 2 and 3: double and single suffixes.
    if (match := _2.search(w)) and _MGR0.search(match.group(1)):
        w = match.group(1) + _STEP2[match.group(2)]
    if (match := _3.search(w)) and _MGR0.search(match.group(1)):
        w = match.group(1) + _STEP3[match.group(2)]
    # Step 4: the remaining suffixes of a long enough stem.
    if match := _4.search(w):
        if _MGR1.search(match.group(1)):
            w = match.group(1)
    elif match := _4_2.search(w):
        base = match.group(1) + match.group(2)
        if _MGR1.search(base):
            w = base
    # Step 5: a final e, and a double l.
    if match := _5.search(w):
        base = match.group(1)
        if _MGR1.search(base) or (_MEQ1.search(base) and not _5_CVC.search(base)):
            w = base
    if _5_LL.search(w) and _MGR1.search(w):
        w = _LAST.sub("", w, count=1)
    if initial_y:
        w = "y" + w[1:]
    return w
