"""Share of a reference text's words found, in order, in another text."""

import re
import unicodedata
from html.parser import HTMLParser


def words(text):
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def in_order_share(reference, candidate):
    """Longest common subsequence of words / number of reference words."""
    ref, cand = words(reference), words(candidate)
    if not ref:
        return 1.0
    positions = {}
    for index, word in enumerate(cand):
        positions.setdefault(word, []).append(index)
    # Hunt–Szymanski: LCS as the longest increasing run of matched positions.
    import bisect

    tails = []
    for word in ref:
        for index in reversed(positions.get(word, ())):
            slot = bisect.bisect_left(tails, index)
            if slot == len(tails):
                tails.append(index)
            else:
                tails[slot] = index
    return len(tails) / len(ref)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], False

    def handle_starttag(self, tag, attrs):
        self._skip = tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip = False
        self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(html):
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())
