"""Document-level context shared by the extractors: where actors, countries and bases were last named,
so that "the country", "the airbase" and "its" can be read as the text intends."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .gazetteer import Gazetteer

PLACE_PREP = re.compile(r"(?:\b(?:in|into|to|from|at|inside|within|across|throughout|near|toward|towards|out of|"
                        r"around|outside)\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+|northern\s+|southern\s+|"
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

    def last_before(self, items: list[Mention], offset: int) -> Mention | None:
        i = bisect.bisect_right([m.start for m in items], offset) - 1
        return items[i] if i >= 0 else None


def is_place_use(text: str, start: int) -> bool:
    """True when a country name stands after a place preposition ('in Iraq', 'from the country')."""
    return bool(PLACE_PREP.search(text[max(0, start - 40):start]))


NON_FORCE_HEADS = {"capital", "media", "people", "civilians", "public", "broadcasting", "parliament", "government",
                   "officials", "city", "territory", "soil", "sovereignty", "lawmakers", "politicians", "press",
                   "protesters", "state", "embassy", "economy", "oil", "airspace"}


def _describes_non_force(text: str, end: int, gaz: Gazetteer) -> bool:
    """'an Estonian army colonel', 'the Iraqi capital': the adjective names a person or a thing, not a force."""
    words = re.findall(r"[\w.\-]+", text[end:end + 30].lower())[:2]
    return any(w in gaz.title_words or w in NON_FORCE_HEADS for w in words) and "army" != (words[:1] or [""])[0] \
        or bool(words) and words[0] == "army" and len(words) > 1 and words[1] in gaz.title_words


def _continues_list(text: str, start: int, places: list[Mention]) -> bool:
    """'in Iraq and Kuwait': the second name is a place too."""
    if not places:
        return False
    gap = text[places[-1].end:start]
    return bool(re.fullmatch(r"(?:\s*,\s*|\s+(?:and|or)\s+)", gap))


def build(text: str, gaz: Gazetteer, bases: list[Mention]) -> DocContext:
    ctx = DocContext(text=text, bases=sorted(bases, key=lambda m: m.start))
    for m in gaz.actor_re.finditer(text):
        code = gaz.actor_code[m.group()]
        place = gaz.actor_kind.get(m.group()) == "name" and (
            is_place_use(text, m.start()) or _continues_list(text, m.start(), ctx.countries))
        if place:
            ctx.countries.append(Mention(m.start(), m.end(), m.group(), code))
        elif not (gaz.actor_kind.get(m.group()) == "demonym" and _describes_non_force(text, m.end(), gaz)):
            ctx.actors.append(Mention(m.start(), m.end(), m.group(), code))
    return ctx
