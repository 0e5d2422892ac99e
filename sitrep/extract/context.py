"""Document-level context shared by the extractors: where actors, countries and bases were last named,
so that "the country", "the airbase" and "its" can be read as the text intends."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .gazetteer import Gazetteer

PLACE_PREP = re.compile(r"(?:\b(?:in|into|to|from|at|on|off|via|inside|within|across|throughout|near|toward|towards|"
                        r"out of|around|outside)\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+|northern\s+|southern\s+|"
                        r"western\s+|eastern\s+|central\s+)?)$")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    value: str          # actor code, country code, or canonical base name


@dataclass
class DocContext:
    text: str
    actors: list[Mention] = field(default_factory=list)       # actors used as agents (not as places)
    countries: list[Mention] = field(default_factory=list)    # countries used as places
    bases: list[Mention] = field(default_factory=list)
    # text.lower() when lowercasing keeps every offset (it does for nearly all text), else None: lets the
    # case-insensitive gazetteer patterns run case-sensitively, which Python's regex engine does ~3x faster
    lower: str | None = None
    _starts: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _host: list[str | None] = field(default_factory=list, repr=False)

    def last_before(self, items: list[Mention], offset: int) -> Mention | None:
        starts = self._starts.get(id(items))
        if starts is None or len(starts) != len(items):
            starts = self._starts[id(items)] = [m.start for m in items]
        i = bisect.bisect_right(starts, offset) - 1
        return items[i] if i >= 0 else None

    def host_country(self) -> str | None:
        """The country the article is set in: the one most often named as a place (first named on a tie)."""
        if not self._host:
            counts: dict[str, int] = {}
            for m in self.countries:
                counts[m.value] = counts.get(m.value, 0) + 1
            best = max(counts.values(), default=0)
            self._host.append(next((m.value for m in self.countries if counts[m.value] == best), None))
        return self._host[0]

    def in_span(self, items: list[Mention], lo: int, hi: int) -> list[Mention]:
        """The mentions lying wholly inside [lo, hi), in text order."""
        starts = self._starts.get(id(items))
        if starts is None or len(starts) != len(items):
            starts = self._starts[id(items)] = [m.start for m in items]
        i = bisect.bisect_left(starts, lo)
        j = bisect.bisect_left(starts, hi)
        return [m for m in items[i:j] if m.end <= hi]


def is_place_use(text: str, start: int) -> bool:
    """True when a country name stands after a place preposition ('in Iraq', 'from the country')."""
    if start == 0 or not text[start - 1].isspace():       # every preposition phrase ends in a blank
        return False
    return bool(PLACE_PREP.search(text[max(0, start - 40):start]))


WORD_RE = re.compile(r"[\w.\-]+")
LIST_GAP = re.compile(r"(?:\s*,\s*|\s+(?:and|or)\s+)")


NON_FORCE_HEADS = {"capital", "media", "people", "civilians", "public", "broadcasting", "parliament", "government",
                   "officials", "city", "territory", "soil", "sovereignty", "lawmakers", "politicians", "press",
                   "protesters", "state", "embassy", "economy", "oil", "airspace"}


def _describes_non_force(text: str, end: int, gaz: Gazetteer) -> bool:
    """'a Danish army major', 'the Iraqi capital': the adjective names a person or a thing, not a force."""
    words = WORD_RE.findall(text[end:end + 30].lower())[:2]
    return any(w in gaz.title_words or w in NON_FORCE_HEADS for w in words) and "army" != (words[:1] or [""])[0] \
        or bool(words) and words[0] == "army" and len(words) > 1 and words[1] in gaz.title_words


def _continues_list(text: str, start: int, places: list[Mention]) -> bool:
    """'in Iraq and Kuwait': the second name is a place too."""
    if not places:
        return False
    if start - places[-1].end > 40:
        return False
    return bool(LIST_GAP.fullmatch(text, places[-1].end, start))


def build(text: str, gaz: Gazetteer, bases: list[Mention]) -> DocContext:
    low = text.lower()
    ctx = DocContext(text=text, bases=sorted(bases, key=lambda m: m.start), lower=low if len(low) == len(text) else None)
    for m in gaz.actor_re.finditer(text):
        found, s, e = m.group(), m.start(), m.end()
        code, kind = gaz.actor_code[found], gaz.actor_kind.get(found)
        place = kind == "name" and (is_place_use(text, s) or _continues_list(text, s, ctx.countries))
        if place:
            ctx.countries.append(Mention(s, e, found, code))
        elif not (kind == "demonym" and _describes_non_force(text, e, gaz)):
            ctx.actors.append(Mention(s, e, found, code))
    return ctx
