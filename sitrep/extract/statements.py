"""Quotations and who said them.

A sentence is read with its quotations blanked out (the "frame"); the frame holds the attribution: a
reporting verb from reporting_verbs.csv and the noun phrase beside it ("Foreign Minister Jane Doe told
CNN", "said Col. X", "according to the spokesman"). The noun phrase is split from the right into name,
title (titles.csv) and organisation. Pronouns and role nouns ("he", "the spokesman", "the Danish
commander") resolve to the nearest earlier named person whose description shares a word with them.
A sentence that is only a quotation continues the speaker of the quotation just before it.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .bases import BASE_OPENERS, BASE_TYPES
from .context import DocContext
from .dates import DateResolver
from .gazetteer import Gazetteer, load
from .sentences import Quote, Sentence

PRONOUNS = {"he": "m", "she": "f", "He": "m", "She": "f"}
CONNECTORS = {"of", "for", "the", "and", "&"}
NAME_PARTICLES = {"al", "al-", "bin", "ibn", "de", "van", "von", "der", "da", "di", "le", "la", "abu", "abdul"}
SUFFIXES = {"II", "III", "IV", "Jr.", "Jr", "Sr."}
DETERMINERS = {"a", "an", "the", "A", "An", "The"}
MIN_WORDS = 3               # a quotation of fewer words is a scare quote (the labelling guide's rule)
REACH = 2                   # reported speech this many sentences before a quotation is parsed for its speaker
TERMINAL = re.compile(r"[.!?…:\"”’']\s*$")
WORD = re.compile(r"[^\W\d_]{2,}")
DIGIT = re.compile(r"\d")
TILDES = re.compile(r"~{2,}")
APPOS_LEFT = re.compile(r"([^,.;~]{3,80}),\s*$")
APPOS_RIGHT = re.compile(r"\s*[^,]*,\s*([^,~]{3,120}),")
TOKEN = re.compile(r"[^\s,;:()]+|[,;:()]")


@dataclass
class Person:
    offset: int
    name: str
    title: str | None
    org: str | None
    words: set[str] = field(default_factory=set)

    @property
    def surname(self) -> str:
        parts = [p for p in self.name.split() if p not in SUFFIXES]
        return parts[-1] if parts else self.name


@dataclass
class Speaker:
    name: str | None = None
    title: str | None = None
    org: str | None = None

    def found(self) -> bool:
        return bool(self.name or self.title or self.org)


NOBODY = Speaker()          # a speaker that cannot be resolved: the row is kept, its speaker left empty


ROLE_ALIASES = {"gen": "general", "col": "colonel", "lt": "lieutenant", "maj": "major", "adm": "admiral",
                "capt": "captain", "sgt": "sergeant", "brig": "brigadier", "cmdr": "commander"}


def _norm_role(w: str) -> str:
    w = w.lower().strip(".,’'")
    return "spokes" if w.startswith("spokes") else ROLE_ALIASES.get(w, w)


class Registry:
    """Named people in order of appearance, with the words that describe them, for resolving references."""

    def __init__(self) -> None:
        self.people: list[Person] = []

    def add(self, p: Person) -> Person:
        if not p.name:
            self.people.append(p)
            return p
        known = self.by_surname(p.name.split()[-1], p.offset)
        if known and len(known.name) >= len(p.name):
            known.words |= p.words
            known.title = known.title or p.title
            known.org = known.org or p.org
            return known
        self.people.append(p)
        return p

    def by_surname(self, word: str, offset: int) -> Person | None:
        for p in reversed(self.people):
            if p.name and p.offset <= offset and word and (p.surname == word or word in p.name.split()):
                return p
        return None

    def resolve(self, words: set[str], offset: int) -> Person | None:
        earlier = [p for p in self.people if p.offset < offset]
        if not earlier:
            return None
        want = {_norm_role(w) for w in words} - {"the", "this", "that"}
        for p in reversed(earlier):
            if want & {_norm_role(w) for w in p.words}:
                return p
        named = [p for p in earlier if p.name]
        return named[-1] if named else None


def _frame(sent: Sentence, quotes: list[Quote]) -> str:
    chars = list(sent.text)
    for q in quotes:
        for k in range(max(q.start, sent.start), min(q.end, sent.end)):
            chars[k - sent.start] = "~"
    return "".join(chars)


@functools.lru_cache(maxsize=1)
def _facility_words() -> frozenset[str]:
    """Words that make a name a base's or a unit's, not a person's ("... Air Station X", "Camp X", "... Corps"):
    the base words and the unit types (a surname spelled like one of them is read as no person)."""
    return frozenset(w for phrase in (*BASE_TYPES, *BASE_OPENERS, *load().unit_types) for w in phrase.split()
                     if w[:1].isupper())


def _is_cap(tok: str) -> bool:
    """A capitalised word, or a name joined to its particle ("al-Name", "bin-Name")."""
    head, _, rest = tok.partition("-")
    c = (rest if rest and head.lower() in NAME_PARTICLES else tok)[:1]
    return "A" <= c <= "Z" or "À" <= c <= "Þ"


def _split_np(tokens: list[str], gaz: Gazetteer) -> Speaker:
    """['Foreign', 'Minister', 'Jane', 'Doe'] -> name 'Jane Doe', title 'Foreign Minister'."""
    i = len(tokens)
    while i > 0:
        t = tokens[i - 1]
        bare = t.rstrip(".")
        if t in SUFFIXES or (_is_cap(t) and t.lower() not in gaz.title_words and t not in gaz.actor_code
                             and bare not in gaz.speaker_nouns and not t.endswith(("’", "'", "’s", "'s"))
                             and t not in gaz.place_country) or (t.lower() in NAME_PARTICLES and i < len(tokens)):
            i -= 1
            continue
        break
    name_toks = tokens[i:]
    while name_toks and (name_toks[0].lower() in NAME_PARTICLES or name_toks[0] in SUFFIXES):
        i += 1
        name_toks = name_toks[1:]
    rest = tokens[:i]
    j = len(rest)
    while j > 0 and (rest[j - 1].lower() in gaz.title_words or (rest[j - 1] in CONNECTORS and j > 1)):
        j -= 1
    while j < len(rest) and rest[j] in CONNECTORS:
        j += 1
    title_toks, org_toks = rest[j:], rest[:j]
    org = " ".join(org_toks).strip(" ’'").removesuffix("’s").removesuffix("'s").strip() or None
    if org and org.lower() in ("the", "a", "an"):
        org = None
    if org:
        org = re.sub(r"^(?:the|a|an)\s+", "", org, flags=re.IGNORECASE)
    name = " ".join(name_toks) or None
    if name and len(name_toks) == 1 and (name in gaz.speaker_nouns or name.lower() in gaz.speaker_nouns):
        org, name = (f"{org} {name}" if org else name), None
    return Speaker(name, " ".join(title_toks) or None, org)


def _np_after(frame: str, pos: int, gaz: Gazetteer) -> tuple[list[str], str | None]:
    toks = [m.group() for m in TOKEN.finditer(frame[pos:pos + 120])]
    det = None
    if toks and toks[0] in DETERMINERS:
        det = toks.pop(0).lower()
    np: list[str] = []
    for t in toks:
        low = t.lower()
        if t in {"he", "she"} and not np:
            return [t], None
        ok = (_is_cap(t) or low in gaz.title_words or low in NAME_PARTICLES or t in SUFFIXES
              or low in CONNECTORS or low in gaz.speaker_nouns)
        if not ok or "~" in t:
            break
        np.append(t.rstrip("."))  if t.endswith(".") and t.rstrip(".") in SUFFIXES else np.append(t)
    while np and np[-1].lower() in CONNECTORS:
        np.pop()
    if np and np[-1].endswith(".") and len(np[-1]) > 3 and np[-1].lower() not in gaz.title_words:
        np[-1] = np[-1][:-1]            # the sentence's full stop, not an abbreviation
    return np, det


class Attributor:
    def __init__(self, ctx: DocContext, gaz: Gazetteer):
        self.ctx, self.gaz = ctx, gaz
        self.registry = Registry()
        self.title_at: list[int] = []       # where the whole text has a title
        self.last_speaker: Speaker | None = None
        self.last_org: Speaker | None = None        # the last speaker that was an institution, not a person

    def _is_person_name(self, name: str, offset: int) -> bool:
        toks = name.split()
        if any(t in self.gaz.actor_code or t in self.gaz.place_country for t in toks) and len(toks) == 1:
            return False
        if name in self.gaz.actor_code or name in self.gaz.place_country or name in self.gaz.speaker_nouns:
            return False
        if any(t in _facility_words() for t in toks):      # "Corps Base Camp X", "Air Station X": a place
            return False
        if len(toks) >= 2:
            return True
        return self.registry.by_surname(name, offset) is not None or not name.isupper()

    def speaker_from_np(self, np: list[str], det: str | None, offset: int, frame: str, np_start: int,
                        sent_start: int) -> Speaker | None:
        if not np:
            return None
        if len(np) == 1 and np[0] in PRONOUNS:
            p = self.registry.resolve(set(), offset)
            return Speaker(p.name or None, p.title, p.org) if p else Speaker()
        sp = _split_np(np, self.gaz)
        if sp.name and not self._is_person_name(sp.name, offset):
            sp = Speaker(None, sp.title, " ".join(x for x in (sp.org, sp.name) if x))
        if sp.name:
            known = self.registry.by_surname(sp.name.split()[-1], offset) if len(sp.name.split()) == 1 else None
            words = {w for w in np} | self._apposition_words(frame, np_start)
            if known:
                known.words |= words
                return Speaker(known.name, sp.title or known.title, sp.org or known.org)
            p = self.registry.add(Person(offset, sp.name, sp.title, sp.org, words))
            return Speaker(p.name, sp.title or p.title, sp.org or p.org)
        if det in ("the", "this", "that") and sp.title:
            p = self.registry.resolve(set(np), offset)
            if p:
                return Speaker(p.name or None, p.title or sp.title, p.org or sp.org)
        if det in ("a", "an") and sp.title:           # 'a ministry official': someone a later 'the official' means
            self.registry.add(Person(offset, "", sp.title, sp.org, set(np)))
        return sp if sp.found() else None

    def _apposition_words(self, frame: str, np_start: int) -> set[str]:
        """Words of an apposition around the name ('A spokesman for the coalition, Col. X,')."""
        left = frame[:np_start]
        m = APPOS_LEFT.search(left, max(0, len(left) - 160))       # the phrase is at most 80 chars long
        right = APPOS_RIGHT.match(frame, np_start)
        words: set[str] = set()
        if m:
            words |= set(m.group(1).split())
        if right:
            words |= set(right.group(1).split())
        return words

    def attribute(self, sent: Sentence, frame: str, doc: Doc) -> tuple[Speaker | None, tuple[int, int] | None]:
        """The speaker of a sentence and where its reporting verb sits (None when no verb): the subject of the
        reporting verb (a name, or a role in apposition to one), the object of 'according to', or for a
        participle ('..., saying "...'') the subject of the verb it hangs on."""
        verbs = [t for t in doc if frame[t.idx] != "~" and self._verb_kind(t)]
        ordered = [v for v in verbs if self._verb_kind(v) != "participle"] + \
                  [v for v in verbs if self._verb_kind(v) == "participle"]
        for v in ordered:
            kind = self._verb_kind(v)
            if kind == "according":
                to = next((t for t in [*v.children, *v.rights] if t.lower_ == "to"), None) or \
                    (doc[v.i + 1] if v.i + 1 < len(doc) else None)
                head = next((o for o in to.children if o.dep_ == "pobj"), None) if to is not None else None
            else:
                verb = v.head if kind == "participle" else v
                head = self._subject_of(verb, frame) or self._known_beside(v, frame, sent.start)
            if head is None:
                continue
            org = self._organisation(head, frame)
            if org is not None:
                return org, (v.idx, v.idx + len(v.text))
            np, det, start = self._np(head, frame)
            sp = self._earlier(np, det) or \
                (self.speaker_from_np(np, det, sent.start + start, frame, start, sent.start) if np else None)
            if sp:
                return sp, (v.idx, v.idx + len(v.text))
        return None, None

    @staticmethod
    def _organisation(head: Token, frame: str) -> Speaker | None:
        """A subject that is an organisation's name as the entity tagger reads it ("the United Nations Interim
        Force in Lebanon said"), with no person in its phrase: the organisation speaks, whole."""
        ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        if ent is None or ent.label_ != "ORG" or frame[ent.start_char] == "~":
            return None
        if any(t.ent_type_ == "PERSON" for t in head.subtree):
            return None
        name = re.sub(r"^(?:the|a|an)\s+", "", ent.text, flags=re.IGNORECASE)
        return Speaker(None, None, name) if len(name.split()) > 1 or name.isupper() else None

    def _earlier(self, np: list[str], det: str | None) -> Speaker | None:
        """'it said' and 'the statement added' stand for the institution or the statement quoted last."""
        if len(np) != 1:
            return None
        word = np[0].lower()
        if word in ("it", "they"):
            return self.last_org or NOBODY      # never the pronoun itself as an organisation
        if det in ("the", "this") and self.gaz.speaker_nouns.get(word) == "document":
            return self.last_speaker
        return None

    def _known_beside(self, verb: Token, frame: str, offset: int) -> Token | None:
        """A person already named, standing right before or after the verb the parser gave no subject
        ('"...," Surname wrote', with the surname mis-tagged)."""
        doc = verb.doc
        for i in (verb.i - 1, verb.i + 1):
            if 0 <= i < len(doc) and frame[doc[i].idx] != "~" and _is_cap(doc[i].text) \
                    and self.registry.by_surname(doc[i].text, offset + doc[i].idx):
                return doc[i]
        return None

    def _verb_kind(self, t: Token) -> str | None:
        if t.lower_ == "according":
            return "according"
        return self.gaz.reporting_verbs.get(t.text) or self.gaz.reporting_verbs.get(t.lower_)

    @staticmethod
    def _subject_of(verb: Token, frame: str) -> Token | None:
        """The verb's subject outside the quotation; a conjoined or subordinate verb's from the verb it joins."""
        for _ in range(3):
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and frame[c.idx] != "~"),
                        None)
            if subj is not None:
                return subj
            if verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head == verb:
                return None
            verb = verb.head
        return None

    def subject(self, frame: str, doc: Doc) -> tuple[list[str], str | None, int]:
        """The subject of the sentence's main verb, outside any quotation (a sentence with no reporting verb)."""
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        head = self._subject_of(root, frame) if root is not None else None
        return self._np(head, frame) if head is not None else ([], None, 0)

    def _np(self, head: Token, frame: str) -> tuple[list[str], str | None, int]:
        """The words of the noun phrase a subject heads, split as written, with its determiner and start: the
        head and what stands before it in its phrase, and 'of/for X' after a role ('a spokesman for the
        coalition'); a role in apposition to a name is left to the registry, a name in apposition to a role
        ('A spokesman, Col. A. Name,') is the phrase."""
        if head.lower_ in ("who", "that") and head.head.dep_ == "relcl":
            head = head.head.head               # "A. Name, 72, who ... said": the person the clause is about
        if head.pos_ == "PRON":
            return [head.text], None, head.idx
        author = next((o for c in head.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                       for o in c.children if o.dep_ == "pobj"), None)
        if author is not None and self.gaz.speaker_nouns.get(head.lemma_.lower()) == "document":
            return self._np(author, frame)          # "a statement by the ministry's spokesman"
        appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if head.pos_ != "PROPN" and appos is not None:
            head = appos
        person = None
        if head.ent_type_ != "PERSON":              # "the Dutch Ambassador to Latvia A. Name"
            person = next((t for t in head.subtree if t.ent_type_ == "PERSON" and t.i > head.i
                           and frame[t.idx] != "~" and not any(a.dep_ in ("relcl", "acl") for a in t.ancestors
                                                               if a.i > head.i and a in head.subtree)), None)
        left = head.left_edge
        while left.i < head.i and (frame[left.idx] == "~" or left.is_punct):
            left = left.doc[left.i + 1]
        det = None
        if left.lower_ in ("the", "a", "an", "this", "that") and left.i < head.i:
            det = left.lower_
            left = left.doc[left.i + 1]
        end = head
        doc = head.doc
        while head.pos_ == "PROPN" and end.i + 1 < len(doc) and doc[end.i + 1].pos_ == "PROPN" \
                and frame[doc[end.i + 1].idx] != "~":
            end = doc[end.i + 1]                # a name the parser split off ("Sgt. 1st | Class A. Name")
        if person is not None:
            while person.i + 1 < len(person.doc) and person.doc[person.i + 1].ent_type_ == "PERSON" \
                    and person.doc[person.i + 1].ent_iob_ == "I":
                person = person.doc[person.i + 1]
            end = person
        elif head.ent_type_ != "PERSON":
            # "a spokesman for the coalition"; after a title also "to": "Ambassador to Latvia A. Name", whose
            # name the split below peels off from the right whether or not the entity tagger saw a person
            preps = ("of", "for", "at", "to") if head.lower_ in self.gaz.title_words else ("of", "for", "at")
            for c in head.rights:
                if c.dep_ == "prep" and c.lower_ in preps and frame[c.idx] != "~":
                    end = c.right_edge
        text = head.doc.text
        words = [m.group() for m in TOKEN.finditer(text, left.idx, end.idx + len(end.text))]
        return [w for w in words if w not in ",;:()"], det, left.idx

    def _hits_in(self, hits: list[int], sent: Sentence) -> list[int]:
        return hits[bisect.bisect_left(hits, sent.start):bisect.bisect_left(hits, sent.end)]

    def note_people(self, sent: Sentence) -> None:
        """Register titled names in sentences without quotes, so a later 'he' can find them."""
        found = (self.gaz.title_re.match(sent.text, p - sent.start) for p in self._hits_in(self.title_at, sent))
        for m in (m for m in found if m):
            np, det = _np_after(sent.text, m.end(), self.gaz)
            if len(np) >= 2 and all(_is_cap(t) for t in np):
                sp = _split_np(m.group().split() + np, self.gaz)
                if sp.name and len(sp.name.split()) >= 2 and self._is_person_name(sp.name, sent.start):
                    self.registry.add(Person(sent.start + m.start(), sp.name, sp.title, sp.org,
                                             set(sent.text[max(0, m.start() - 60):m.end()].split())))


def _channel(frame: str, gaz: Gazetteer) -> str | None:
    pat, labels = gaz.channels
    m = pat.search(TILDES.sub("~", frame))
    return labels[int(m.lastgroup[1:])] if m else None


def candidates(text: str, sentences: list[Sentence], quotes: list[Quote]) -> list[Sentence]:
    """The sentences attribution parses: those holding a quotation of MIN_WORDS words or more, and the reported
    speech of the REACH sentences before one (who they name is who a later 'he' or 'the official' may be).
    Reported speech elsewhere is read only where another extractor parsed the sentence anyway: it is optional in
    the gold, and parsing every 'said' would double the parse's cost."""
    long_quotes = [q.start for q in quotes if len(text[q.start:q.end].split()) >= MIN_WORDS]
    verb_hits = [m.start() for m in load().reporting_re.finditer(text)]
    quoting = [i for i, s in enumerate(sentences) if _any_in(long_quotes, s.start, s.end)]
    near = {j for i in quoting for j in range(max(0, i - REACH), i)}
    return [s for i, s in enumerate(sentences)
            if i in quoting or i in near and _any_in(verb_hits, s.start, s.end)]


def extract(text: str, sentences: list[Sentence], quotes: list[Quote], ctx: DocContext,
            dates: DateResolver, parsed: dict[int, Doc]) -> list[dict]:
    gaz = load()
    att = Attributor(ctx, gaz)
    rows: list[dict] = []
    last: tuple[int, Speaker | None, str | None] | None = None      # (paragraph, speaker, channel)
    # one scan of the whole text each for quotations, titles and reporting verbs; a sentence without a hit
    # skips the rules that need one
    q_starts = [q.start for q in quotes]
    title_hits = att.title_at = [m.start() for m in gaz.title_re.finditer(text)]
    verb_hits = [m.start() for m in gaz.reporting_re.finditer(text)]
    para_size: dict[int, int] = {}
    for s in sentences:
        para_size[s.paragraph] = para_size.get(s.paragraph, 0) + 1
    for si, sent in enumerate(sentences):
        qa, qb = bisect.bisect_left(q_starts, sent.start), bisect.bisect_left(q_starts, sent.end)
        inside = [q for q in quotes[qa:qb] if q.end <= sent.end]
        if not inside:
            if _any_in(title_hits, sent.start, sent.end):
                att.note_people(sent)
            if _any_in(verb_hits, sent.start, sent.end) and sent.start in parsed:
                rows.extend(_indirect(sent, sent.text, att, dates, gaz, parsed[sent.start]))
            continue
        frame = _frame(sent, inside)
        para_text = text[sent.start:sent.end]
        headline = para_size[sent.paragraph] == 1 and not TERMINAL.search(para_text)
        if headline:
            continue
        doc = parsed.get(sent.start)
        if doc is None:             # only scare quotes: no statement
            continue
        speaker, vspan = att.attribute(sent, frame, doc)
        channel = _channel(frame, gaz)
        if speaker is None and last and frame.strip(" ~.,") == "" and last[0] in (sent.paragraph, sent.paragraph - 1):
            speaker, channel = last[1], last[2]
        elif speaker is None:
            sp_np, det, st = att.subject(frame, doc)
            speaker = att.speaker_from_np(sp_np, det, sent.start, frame, st, sent.start) if sp_np else None
            if speaker is None and last and last[0] == sent.paragraph:
                speaker, channel = last[1], last[2]
        sd = dates.dates_in(frame, sent.start)
        for q in inside:
            a, b = q.inner
            quote = text[a:b].strip().rstrip(",").strip()
            if len(quote.split()) < MIN_WORDS or len(WORD.findall(quote)) < 2 and DIGIT.search(quote):
                continue        # a scare quote ('a "temporary" move') is a word's tone, not a statement; a
                                # quoted figure ('"$2,5 million"') is an amount
            rows.append({
                "speaker": speaker.name if speaker else None,
                "speaker_title": speaker.title if speaker else None,
                "speaker_org": speaker.org if speaker else None,
                "quote": quote, "quote_kind": "direct", "channel": channel,
                "statement_date": sd[0][2] if sd else None,
                "evidence": sent.text, "start_offset": sent.start, "end_offset": sent.end,
            })
        if speaker is not None:
            last = (sent.paragraph, speaker, channel)
            att.last_speaker = speaker
            if speaker.org and not speaker.name:
                att.last_org = speaker
    return rows


def _any_in(hits: list[int], lo: int, hi: int) -> bool:
    i = bisect.bisect_left(hits, lo)
    return i < len(hits) and hits[i] < hi


def _indirect(sent: Sentence, frame: str, att: Attributor, dates: DateResolver, gaz: Gazetteer,
              doc: Doc) -> list[dict]:
    """'X said (that) ...' without quotation marks: the reported clause, as an indirect statement."""
    sp, vspan = att.attribute(sent, frame, doc)
    if not sp or not vspan or gaz.reporting_verbs.get(frame[vspan[0]:vspan[1]]) not in ("say", "tell"):
        return []
    m = re.match(r"(?:\s+(?:the\s+)?[A-Z][\w.()]*(?:\s+[A-Z][\w.()]*){0,4})?(?:\s+(?:on|late|early)?\s*[\w ]{0,20}?)?"
                 r"\s+that\s+(.+)", frame[vspan[1]:])
    if m:
        sd = dates.dates_in(frame, sent.start)
        return [{"speaker": sp.name, "speaker_title": sp.title, "speaker_org": sp.org,
                 "quote": m.group(1).rstrip(" ."), "quote_kind": "indirect", "channel": _channel(frame, gaz),
                 "statement_date": sd[0][2] if sd else None,
                 "evidence": sent.text, "start_offset": sent.start, "end_offset": sent.end}]
    return []
