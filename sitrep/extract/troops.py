"""Troop contingents and movements, read off the dependency parse of every sentence that names a troop noun.

A mention is a troop noun (troop_nouns.csv, matched on the parse's tokens) with what the tree binds to it:
- a count: a number modifying the noun ("2,500 troops", "an 800-strong force": the number under "strong"), a
  partitive ("300 of the 900 soldiers", "hundreds of troops", "of which 200 are in the capital"), a number the
  noun's verb coordinates with it ("600 soldiers in the north and 200 in the capital"), the end of a range
  ("from 1,200 personnel to around 1,800"), or the object of "to" after a verb of reducing ("cut its troop
  levels by a third, to 1,400"), and the level the cut or the range starts from (a standing count);
- the action: the class of the verb or noun that governs the mention (action_lemmas.csv, by lemma and particle:
  "pull out", "draw down"), negation turning a movement into staying;
- origin and location: that predicate's (and the noun's) prepositional attachments that name places (entities,
  the gazetteer's places and bases, "the country", "the base"), a leave-verb's object as the origin;
- the actor: the noun's own modifier (a demonym, a country, a possessive, an owner named after "of"), else the
  clause's subject (not a host's: "Poland hosts ..."), else the force the document is about (named in its headline,
  owning most troop mentions, its institutions named). Never merely the last country the text named;
- where no place is named, a contingent that stands, stays or is cut is in the country the article is set in.
A numberless force counts when it moves, for real (no condition or habit: hedges.csv), or when a verb stations it
at a named place; never the host's own forces.

Speed: the regular troop-noun scan picks the sentences; the tree is walked only around each troop noun.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .amounts import currency_hint
from .bases import ANAPHOR, resolve_anaphor
from .context import DocContext, is_place_use
from .dates import DateResolver
from .gazetteer import ActionLemma, Gazetteer, load, read_csv, trie_pattern
from .numbers import NUMBER_WORDS_LIST, SCALES, VAGUE_NUMERIC, Count, make_count, qualifier_pattern
from .sentences import Sentence, with_hits

# Where a preposition sends its object: where the troops come from, go to, or stand.
ORIGIN_PREPS = {"from", "of"}            # "of" only as "out of"
GOAL_PREPS = {"to", "into", "toward", "towards"}
STAND_PREPS = {"in", "at", "inside", "within", "across", "throughout", "on"}
MOVING = {"deploy", "relocate", "withdraw", "evacuate"}
LEAVING = {"withdraw", "evacuate"}
STAYING = {"present", "remain", "reduce"}
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
NOT_COUNTS = {"DATE", "TIME", "PERCENT", "ORDINAL", "QUANTITY"}
# A mention's count stands under these words: "a 320-member force", "an 800-strong contingent".
SIZE_WORDS = {"member", "strong", "man", "person", "personnel", "soldier", "troop"}
PARTICLES = {"prt", "advmod", "acomp", "prep"}     # "pull out", "fly home", "remain high", "fly out of"
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp"}
PRONOUNS = {"them", "those", "these"}
# The salient force's votes: one per troop mention it owns, these for a headline naming it and for each of its
# institutions the text names (an alliance or coalition named often must not outvote the troops' owners).
TITLE_VOTE = 2
INSTITUTION_VOTE = 0.5
# Cheap scans that choose the sentences to parse: "hundreds of them", "a 600-strong battalion".
PRONOUN_HINT = re.compile(r"of(?<!\wof)\s+(?:them|those|these)\b")
SIZE_HINT = re.compile(r"\d[-\s](?:%s)\b" % "|".join(sorted(SIZE_WORDS)))
PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per\s+cent\b)")


@dataclass
class Mention:
    anchor: Token               # the token that holds the mention's place in the tree (count or noun)
    noun: Token | None          # the troop noun; None for "cut to 2,500" and "hundreds of them"
    count: Count
    reduce: bool = False
    before_cut: bool = False    # "cut ... to 1,800 from 2,400": the level the cut starts from
    pronoun: bool = False
    template: "Mention | None" = None       # an elided noun's mention ("... and 200 in the capital")


@dataclass
class _Doc:
    """What the troop reading of one document carries from sentence to sentence."""
    ctx: DocContext
    dates: DateResolver
    gaz: Gazetteer
    salient: str | None = None
    antecedent: tuple[int, tuple[str, str]] | None = None
    seen: set = field(default_factory=set)
    noun_actor: dict = field(default_factory=dict)      # (sentence start, noun index) -> its troops' owner


_MATCHERS: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = {}


def _matchers(doc: Doc) -> tuple[PhraseMatcher, PhraseMatcher]:
    """troop_nouns.csv as phrase patterns (one pair per pipeline's vocabulary): lower-case rows match in any
    case, capitalised rows only as written."""
    vocab = doc.vocab
    if id(vocab) not in _MATCHERS:
        matcher, exact = PhraseMatcher(vocab, attr="LOWER"), PhraseMatcher(vocab, attr="ORTH")
        for noun in load().troop_noun_kind:
            (matcher if noun == noun.lower() else exact).add(noun, [Doc(vocab, words=noun.split())])
        _MATCHERS[id(vocab)] = matcher, exact
    return _MATCHERS[id(vocab)]


def _troop_nouns(doc: Doc) -> list[Token]:
    """The head token of each troop-noun match (the last token of "service members")."""
    matcher, exact = _matchers(doc)
    heads = {doc[e - 1].i for _, s, e in list(matcher(doc)) + list(exact(doc))}
    return [doc[i] for i in sorted(heads)]


def _unit_nouns(doc: Doc) -> list[Token]:
    """Nouns naming a unit type (unit_types.csv: "battalion", "brigade")."""
    words = _unit_words()
    return [t for t in doc if t.pos_ == "NOUN" and t.lemma_.lower() in words]


@functools.lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load().unit_types if " " not in w)


def _is_element(noun: Token) -> bool:
    """A headquarters or command centre (kind 'element' in troop_nouns.csv) moves as a unit, singular or not."""
    kinds = load().troop_noun_kind
    return kinds.get(noun.text, kinds.get(noun.lower_)) == "element"


@functools.lru_cache(maxsize=1)
def _count_words() -> tuple[frozenset[str], re.Pattern[str], frozenset[str]]:
    gaz = load()
    vague = frozenset(p for p, k in gaz.count_words if k == "vague" and " " not in p)
    qualifier = re.compile(rf"(?:^|\s)(?P<q>(?i:{qualifier_pattern()}))\s*$")
    number_words = frozenset(NUMBER_WORDS_LIST) | {"dozen"}
    return vague, qualifier, number_words


def _is_number(tok: Token) -> bool:
    if tok.ent_type_ in NOT_COUNTS or tok.ent_type_ == "MONEY" and _names_currency(tok):
        return False
    _, _, words = _count_words()
    if not (tok.like_num or tok.lower_ in words or re.fullmatch(VAGUE_NUMERIC, tok.text)) or tok.lower_ in ("one", "a"):
        return False
    return not PERCENT_AFTER.match(tok.doc.text, tok.idx + len(tok.text))


def _names_currency(tok: Token) -> bool:
    """An amount of money the entity tagger saw is one only if a currency is written in or beside it (the tagger
    also calls "from 4.5 thousand to 3 thousand" troops money)."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is None:
        return False
    doc = tok.doc
    around = doc[max(0, ent.start - 1):min(len(doc), ent.end + 2)].text
    return bool(currency_hint().search(around))


def _number_run(tok: Token) -> Span:
    """The whole number tok is part of: "two thousand", "1.2 million", "twenty-five"."""
    doc = tok.doc
    _, _, words = _count_words()

    def part(t: Token) -> bool:
        return (t.like_num or t.lower_ in words or t.text == "-") and t.ent_type_ not in NOT_COUNTS

    a = b = tok.i
    while a > 0 and part(doc[a - 1]) and doc[a - 1].text != "-" or (a > 1 and doc[a - 1].text == "-" and part(doc[a - 2])):
        a -= 1
    while b + 1 < len(doc) and part(doc[b + 1]) and (doc[b + 1].text != "-" or b + 2 < len(doc) and part(doc[b + 2])):
        if doc[b + 1].text == "-" and doc[b + 2].lower_ in SIZE_WORDS:
            break
        b += 1
    return doc[a:b + 1]


def _count_at(tok: Token) -> Count:
    """The count a number or a vague word makes, with the qualifier written before it ("about 300")."""
    vague, qualifier, _ = _count_words()
    doc = tok.doc
    if not _is_number(tok):
        if tok.lower_ in vague:
            return make_count(None, None, tok.text)
        return make_count(None, None, None)
    run = _number_run(tok)
    lead = doc[run.start - 1] if run.start > 0 else None
    if lead is not None and lead.lower_ in vague and len(run) == 1 and run[0].lower_ in SCALES:
        # "several hundred": vague, not 100
        return make_count(None, None, doc.text[lead.idx:run.end_char])
    q = qualifier.search(doc.text[max(0, run.start_char - 25):run.start_char])
    return make_count(q.group("q") if q else None, run.text, None)


def _counts_of(noun: Token) -> list[tuple[Token, Count]]:
    """The counts the tree binds to a troop noun directly: its number modifiers, and the number under a size
    word ("an 800-strong force"), or the vague word before it ("hundreds of troops", "several soldiers")."""
    vague, _, _ = _count_words()
    out = []
    for c in noun.children:
        if c.dep_ in ("nummod", "quantmod", "amod", "compound", "npadvmod") and _is_number(c) and c.i < noun.i:
            out.append((c, _count_at(c)))
        elif c.dep_ in ("amod", "compound", "npadvmod", "nmod") and c.lower_ in SIZE_WORDS and c.i < noun.i:
            num = next((g for g in c.subtree if _is_number(g)), None)
            if num is not None:
                out.append((num, _count_at(num)))
        elif c.dep_ in ("amod", "det", "nummod") and c.lower_ in vague and c.i < noun.i:
            out.append((c, make_count(None, None, c.text)))
    out.sort(key=lambda found: found[1].value is None)        # "some 900 forces": the number, not "some"
    return out[:1]


def _partitive_head(noun: Token) -> Token | None:
    """'300 of the soldiers', 'hundreds of troops', 'most of them': the quantity the noun is 'of'."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.i < noun.i:
        h = noun.head.head
        vague, _, _ = _count_words()
        if h.i < noun.i and (_is_number(h) or h.lower_ in vague):
            return h
    return None


def _mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    out: list[Mention] = []
    taken: set[int] = set()

    def add(m: Mention) -> None:
        if m.anchor.i not in taken:
            taken.add(m.anchor.i)
            out.append(m)

    for unit in _unit_nouns(doc):          # "a 1,000-strong battalion": a unit counted by its size
        for num, count in _counts_of(unit):
            if any(c.lower_ in SIZE_WORDS for c in unit.children if c.i < unit.i):
                add(Mention(num, unit, count))
    for noun in _troop_nouns(doc):
        head = _partitive_head(noun)
        if head is not None:
            add(Mention(head, noun, _count_at(head)))
        for num, count in _counts_of(noun):
            add(Mention(num, noun, count))
        if noun.i not in taken and not any(m.noun == noun for m in out):
            if noun.tag_ not in ("NN", "NNP") or _is_element(noun):    # "a soldier" is no contingent
                add(Mention(noun, noun, make_count(None, None, None)))
    nouns = [m.noun for m in out if m.noun is not None]
    for which in (t for t in doc if t.lower_ == "which" and t.dep_ == "pobj" and t.head.lower_ == "of"):
        # "..., of which 200 are in the capital": the troops named last before it; the number is the
        # quantity 'of which' hangs on, or the subject of the clause it opens
        part = which.head.head
        if not _is_number(part):
            part = next((c for c in part.children if c.dep_ in ("nsubj", "nsubjpass") and _is_number(c)), part)
        before = [n for n in nouns if n.i < which.i]
        if _is_number(part) and before:
            add(Mention(part, before[-1], _count_at(part)))
    for tok in doc:
        if tok.lower_ in PRONOUNS and tok.dep_ == "pobj" and tok.head.lower_ == "of":
            head = tok.head.head
            count = _count_at(head)
            if head.i < tok.i and count.kind != "none":
                add(Mention(head, None, count, pronoun=True))
    counted = [m for m in out if m.count.kind != "none" and not m.pronoun]
    for m in counted:
        for tok in _elided(m):
            add(Mention(tok, None, _count_at(tok), template=m))
    for tok, word in _cut_to(doc, taken):
        add(Mention(tok, None, _count_at(tok), reduce=word == "to", before_cut=word == "from"))
    return sorted(out, key=lambda m: m.anchor.i)


def _elided(m: Mention) -> list[Token]:
    """Numbers standing for the same noun: coordinated with the count or the noun ("600 soldiers in the north
    and 200 in the capital"), or the other end of a range ("from 1,200 personnel to around 1,800")."""
    out = []
    base = m.noun if m.noun is not None else m.anchor
    for c in list(m.anchor.children) + list(base.children) + list(base.head.children):
        if c.dep_ == "conj" and _is_number(c) and c.i > m.anchor.i and not _has_noun_head(c):
            out.append(c)
    if base.dep_ == "pobj" and base.head.lower_ == "from":
        verb = base.head.head
        for p in verb.children:
            if p.dep_ == "prep" and p.lower_ == "to":
                out += [o for o in p.children if o.dep_ == "pobj" and _is_number(o)]
    return out


def _has_noun_head(tok: Token) -> bool:
    return any(c.pos_ in ("NOUN", "PROPN") and c.dep_ != "npadvmod" for c in tok.children if c.i > tok.i)


def _cut_to(doc: Doc, taken: set[int]) -> list[tuple[Token, str]]:
    """'The ministry is cutting its troop levels there by a third, to 1,400': the number after 'to' under a verb of
    reducing, when that verb's clause is about troops; and the level it is cut from ('from 2,400', 'from a
    level of 2,400'). Each as (number, preposition)."""
    gaz = load()
    out = []
    for tok in doc:
        if tok.lower_ not in ("to", "from") or tok.dep_ != "prep":
            continue
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        cls = _class(verb, gaz)
        if cls is None or cls.action != "reduce" or not any(t.lower_ in _troop_words() for t in verb.subtree):
            continue
        objs = [o for o in tok.children if o.dep_ == "pobj"]
        if tok.lower_ == "from":        # "from a level of 2,400"
            objs += [n for o in objs for q in o.children if q.lower_ == "of" for n in q.children if n.dep_ == "pobj"]
        for o in objs:
            if _is_number(o) and o.i not in taken and not _has_noun_head(o):
                # "from 3.5 thousand to 2 thousand" parsed flat: the number 'to' modifies is the cut's target
                to = any(c.lower_ == "to" and c.dep_ == "quantmod" for c in o.children)
                out.append((o, "to" if to else tok.lower_))
    return out


@functools.lru_cache(maxsize=1)
def _troop_words() -> frozenset[str]:
    return frozenset(w.lower() for n in load().troop_noun_kind for w in n.split()) | {"presence", "level", "levels"}


def _class(tok: Token, gaz: Gazetteer) -> ActionLemma | None:
    """The class of a predicate, by its lemma and its particle ("pull out", "fly home", "draw down")."""
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ in PARTICLES:
            got = gaz.action_lemmas.get((lemma, c.lower_))
            if got:
                return got
    if tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
        return gaz.action_lemmas.get((lemma, "")) or gaz.action_lemmas.get((tok.lower_, ""))
    return None


def _governor(anchor: Token, gaz: Gazetteer) -> Token | None:
    """The verb (or action noun: 'the withdrawal of 800 troops') that governs the mention."""
    h = anchor
    for _ in range(12):
        p = h.head
        if p == h:
            return h if h.pos_ in ("VERB", "AUX") else None
        if p.pos_ in ("VERB", "AUX"):
            return p
        if p.pos_ == "NOUN" and _class(p, gaz) is not None and (h.dep_ in ("compound", "poss", "nmod")
                                                                 or h.dep_ == "prep" and h.lower_ == "of"):
            return p
        h = p
    return None


def _predicate(m: Mention, gaz: Gazetteer) -> tuple[Token | None, ActionLemma | None]:
    """The governing predicate and its class; one that says nothing of troops ('expected', 'ordered to') hands
    over to its open complement, and a noun's own clause ('the troops stationed there') speaks when the
    governor does not."""
    gov = _governor(m.anchor, gaz)
    cls = _class(gov, gaz) if gov is not None else None
    if gov is not None and (cls is None or cls.action == "present" and gov.lemma_ in ("be", "have")):
        for c in gov.children:
            # an open complement ("expected to withdraw"), or a verb joined to it without a subject of its own
            # (the parser's reading of "troops ... making up the coalition have left Iraq")
            joined = c.dep_ == "conj" and not any(g.dep_.startswith("nsubj") for g in c.children)
            if (c.dep_ in ("xcomp", "ccomp") or joined) and c.pos_ in ("VERB", "AUX") and c.i > m.anchor.i:
                sub = _class(c, gaz)
                if sub is not None:
                    return c, sub
    if gov is not None and cls is None:         # "troops have completed their withdrawal from X"
        for c in gov.children:
            if c.dep_ == "dobj" and c.pos_ == "NOUN" and _class(c, gaz) is not None:
                return c, _class(c, gaz)
    if cls is None and m.noun is not None:
        for c in m.noun.children:
            if c.dep_ in ("acl", "relcl"):
                sub = _class(c, gaz)
                if sub is not None:
                    return c, sub
    return gov, cls


def _whole(m: Mention) -> bool:
    """'766 soldiers have left, out of an estimated 950 forces': the whole the part left from stands there."""
    of = m.anchor.head if m.anchor.dep_ == "pobj" else (m.noun.head if m.noun is not None and m.noun.dep_ == "pobj"
                                                       else None)
    return of is not None and of.lower_ == "of" and of.head.lower_ == "out" and of.head.dep_ == "prep"


def _range_start(m: Mention) -> bool:
    """'expand the group from about 700 troops to 1,100': the first number is what stands now."""
    base = m.noun if m.noun is not None else m.anchor
    frm = base.head
    return base.dep_ == "pobj" and frm.lower_ == "from" and any(c.lower_ == "to" and c.dep_ == "prep"
                                                                for c in frm.head.children)


def _action(m: Mention, gov: Token | None, cls: ActionLemma | None) -> str:
    if m.reduce:
        return "reduce"
    if m.before_cut or _range_start(m) or _whole(m):
        return "present"
    action = cls.action if cls else "present"
    if action == "deploy" and gov is not None and any(c.dep_ == "auxpass" for c in gov.children) \
            and not any(c.dep_ == "prep" and c.lower_ in GOAL_PREPS for c in gov.children) \
            and not any(c.lower_ in ("being", "will", "would", "to", "shall") for c in gov.children):
        return "present"            # "600 soldiers are deployed in Iraq": where they are, not a movement
    if gov is not None and any(c.dep_ == "neg" for c in gov.children):
        return "present" if action == "deploy" else "remain" if action != "present" else action
    return action


def _place(obj: Token, ctx: DocContext, gaz: Gazetteer, offset: int) -> tuple[str, object] | None:
    """The place a prepositional object names, as written, with the base mention when it is one."""
    doc = obj.doc
    lo = obj.left_edge
    while lo.i < obj.i and lo.pos_ != "PROPN" and lo.ent_type_ not in PLACE_ENTITIES:   # "(the) neighbouring"
        lo = doc[lo.i + 1]
    end = obj
    for c in obj.children:
        if c.dep_ == "conj" and c.i > obj.i and _is_place_token(c, gaz):
            end = c
    start_char, end_char = offset + lo.idx, offset + end.idx + len(end.text)
    for b in ctx.in_span(ctx.bases, offset + obj.left_edge.idx, offset + obj.right_edge.idx + len(obj.right_edge)):
        return b.text, b
    text = ctx.text
    if ANAPHOR.match(text, offset + obj.left_edge.idx):
        b = resolve_anaphor(text, offset + obj.left_edge.idx, ctx)
        return (b.text, b) if b else None
    if obj.lower_ == "country" and any(c.lower_ in ("the", "that", "this") for c in obj.children):
        c = ctx.last_before(ctx.countries, offset + obj.idx)
        return (c.text, None) if c else None
    if _is_place_token(obj, gaz):
        return text[start_char:end_char], None
    if obj.lemma_.lower() in _place_nouns() and lo.i < obj.i and lo.pos_ == "PROPN":    # "the Damascus region"
        return text[start_char:offset + obj.idx + len(obj.text)], None
    for c in obj.children:          # "the Malian capital, Bamako"; "the province of Kunar"
        if c.dep_ == "appos" and _is_place_token(c, gaz):
            return text[offset + c.left_edge.idx:offset + c.idx + len(c.text)], None
        if c.dep_ == "prep" and c.lower_ == "of" and obj.lemma_.lower() in _place_nouns():
            o = next((o for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
            if o is not None:
                return text[offset + o.left_edge.idx:offset + o.idx + len(o.text)], None
    return None


@functools.lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    """'the province of X', 'the island of X' (place_nouns.csv): X is a place, whatever the entity tagger says."""
    return frozenset(r["word"] for r in read_csv("place_nouns.csv"))


def _is_place_token(tok: Token, gaz: Gazetteer) -> bool:
    if tok.pos_ not in ("PROPN", "NOUN"):
        return False
    if tok.ent_type_ in PLACE_ENTITIES:
        return True
    span = tok.doc[tok.left_edge.i:tok.i + 1].text
    m = gaz.place_re.search(span)
    return bool(m) and m.end() == len(span)


def _places(m: Mention, gov: Token | None, cls: ActionLemma | None, action: str, d: _Doc,
            offset: int) -> tuple[tuple[str, object] | None, tuple[str, object] | None]:
    """(origin, location), each (text as written, base mention or None)."""
    origin: list = []
    goal: list = []
    stand: list = []

    def preps(head: Token) -> None:
        for p in head.children:
            if p.dep_ == "prt" and p.lower_ == "out":
                preps(p)
            if p.dep_ == "dobj" and cls is not None and cls.object_is == "origin" and head == gov:
                got = _place(p, d.ctx, d.gaz, offset)
                if got:
                    origin.append(got)
            if p.dep_ != "prep" or (m.noun is not None and p.i in range(m.anchor.i, m.noun.i)):
                continue
            word = p.lower_
            objs = [o for o in p.children if o.dep_ == "pobj"]
            if word == "out":                    # "out of Iraq"
                objs = [o for q in p.children if q.lower_ == "of" for o in q.children if o.dep_ == "pobj"]
                word = "from"
            if word == "of" and not (head == gov and any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children)):
                continue
            for o in objs:
                got = _place(o, d.ctx, d.gaz, offset)
                if not got:
                    if word in STAND_PREPS | {"with"}:
                        nested(o)           # "serve with the battlegroup at Camp Nord"
                    continue
                if word in ORIGIN_PREPS:
                    origin.append(got)
                elif word in GOAL_PREPS or word == "for" and cls is not None and cls.object_is == "origin":
                    goal.append(got)
                elif word in STAND_PREPS:
                    stand.append(got)

    def nested(obj: Token) -> None:
        for q in obj.children:
            if q.dep_ == "prep" and q.lower_ in STAND_PREPS:
                for o in q.children:
                    got = _place(o, d.ctx, d.gaz, offset) if o.dep_ == "pobj" else None
                    if got:
                        stand.append(got)

    whole = _whole(m)               # the whole a part left from: where it stands is in its own phrase
    if gov is not None and not whole:
        preps(gov)
        for c in gov.children:      # "left K-2 and moved to X": a verb joined to the governor, same subject
            if c.dep_ == "conj" and c.pos_ == "VERB" and not any(g.dep_.startswith("nsubj") for g in c.children):
                preps(c)
        restated = any(t.dep_ == "attr" and t.head == gov for t in (m.anchor, m.noun) if t is not None)
        if m.reduce or restated:    # "the number of forces in Afghanistan would be reduced to 2,500" or
            for c in gov.children:  # "... remains high: 5,200 troops": the subject is the same troops
                if c.dep_ in ("nsubjpass", "dobj", "nsubj"):
                    for t in c.subtree:
                        if t.pos_ in ("NOUN", "PROPN"):
                            preps(t)
    path, t = [], m.anchor          # the words between the count and its governor: "a battlegroup of 900 soldiers"
    while gov is not None and t != gov and t.head != t and len(path) < 8:
        path.append(t)
        t = t.head
    path = path or [m.anchor]
    if m.noun is not None and m.noun not in path:
        path.append(m.noun)
    for tok in path:
        if tok != gov and tok.pos_ in ("NOUN", "PROPN", "NUM"):
            preps(tok)
        for c in tok.children:
            if c.dep_ == "amod" and c.pos_ == "ADJ":        # "forces present in the country"
                preps(c)
            if c.dep_ in ("acl", "relcl") and c != gov:
                before = len(stand)
                preps(c)
                if action in MOVING and action != "deploy":
                    origin.extend(stand[before:])
                    del stand[before:]
    if gov is not None and cls is not None and cls.subject_is == "host":     # "Poland hosts 4,000 troops"
        for c in gov.children:
            if c.dep_ == "nsubj":
                # "... a base which hosts 800 troops": the noun the clause is about
                host = gov.head if c.lower_ in ("which", "that") and gov.dep_ == "relcl" else c
                got = _place(host, d.ctx, d.gaz, offset)
                if got:
                    stand.append(got)
    if gov is not None and any(c.lower_ == "there" and c.dep_ in ("advmod", "expl") and c.i > m.anchor.i
                               for c in [*gov.children, *(m.noun.children if m.noun is not None else [])]):
        named = d.ctx.last_before(d.ctx.countries, offset + m.anchor.idx)   # "... stationed there"
        if named is not None:
            stand.append((named.text, None))
    if gov is not None and gov.dep_ == "relcl" and any(c.lower_ == "where" for c in gov.children):
        got = _place(gov.head, d.ctx, d.gaz, offset)       # "... to Niger, where 1,000 soldiers are based"
        if got:
            stand.append(got)
    if action in MOVING:
        if action in LEAVING:
            location = goal[0] if goal else None
            if not origin and stand:
                origin = stand
        else:
            location = goal[0] if goal else stand[0] if stand and action == "deploy" else None
            if action == "relocate" and not origin and stand and goal:
                origin = stand
            elif location is None and stand:
                location = stand[0]
    else:
        location = stand[0] if stand else goal[0] if goal else None
    return (origin[0] if origin else None), location


def _actor_in_span(text: str, lo: int, hi: int, gaz: Gazetteer, ctx: DocContext) -> tuple[str, str] | None:
    """The last actor named inside [lo, hi) that is not a place there ('U.S. troops', not 'in Iraq')."""
    found = None
    for a in ctx.in_span(ctx.actors, lo, hi):
        found = (a.value, a.text)
    return found


def _named_actor(text: str, lo: int, hi: int, gaz: Gazetteer) -> tuple[str, str] | None:
    """The first actor a subject names, places aside: 'the Chilean government' names its country's forces' owner
    (which the document's actor list leaves out as a non-force use), 'officials in Iraq' names none."""
    for m in gaz.actor_re.finditer(text, lo, hi):
        if not is_place_use(text, m.start()):
            return gaz.actor_code[m.group()], m.group()
    return None


def _own_actor(m: Mention, d: _Doc, offset: int) -> tuple[str, str] | None:
    """Whose troops, from the noun phrase itself: a modifier, a possessive, 'of/from the X' after the noun."""
    gaz, ctx, text = d.gaz, d.ctx, d.ctx.text
    noun = m.noun if m.noun is not None else (m.template.noun if m.template is not None else None)
    if noun is None:
        if m.reduce:
            gov = m.anchor.head.head
            for c in gov.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    got = _actor_in_span(text, offset + c.left_edge.idx, offset + c.idx + len(c.text), gaz, ctx)
                    if got:
                        return got
        return None
    lo = noun.left_edge
    got = _actor_in_span(text, offset + lo.idx, offset + noun.idx + len(noun.text), gaz, ctx)
    if got:
        return got
    whole = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if whole is not None and whole.pos_ == "NOUN" and whole.i < noun.i:     # "the Dutch contingent of 90 soldiers"
        got = _actor_in_span(text, offset + whole.left_edge.idx, offset + whole.idx + len(whole.text), gaz, ctx)
        if got:
            return got
    if noun.text in gaz.actor_code:             # a force noun that names its owner ("Bundeswehr")
        return gaz.actor_code[noun.text], noun.text
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ in ("of", "from") and p.i > noun.i:
            tail = text[offset + p.idx:offset + p.right_edge.idx + len(p.right_edge)]
            for pat, code in gaz.units:
                um = pat.search(tail)
                if um:
                    return code, um.group()
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                am = gaz.actor_re.search(text, offset + o.left_edge.idx, offset + o.idx + len(o.text))
                kind = gaz.actor_kind.get(am.group()) if am else None
                if am and (kind == "institution" or kind == "name" and p.lower_ == "of"):
                    return gaz.actor_code[am.group()], am.group()
    return None


def _reports(verb: Token) -> bool:
    """A verb of saying (reporting_verbs.csv, by its form as written)."""
    return verb.lower_ in load().reporting_verbs


def _subject_actor(gov: Token | None, m: Mention, d: _Doc, offset: int) -> tuple[str, str] | None:
    """The subject of the mention's clause, climbing through open complements ('Germany plans to send'); a
    pronoun subject ('it would withdraw') is the subject of the clause it sits in ('NATO said it would ...').
    Never a host's subject ('Poland hosts'), and never a speaker's unless a pronoun points there ('Iraqi
    officials said the troops would leave' says nothing of whose troops)."""
    text, verb = d.ctx.text, gov
    # "its 45 personnel": whoever 'its' stands for, even the speaker ("New Zealand announced that its ...")
    want_antecedent = m.noun is not None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in m.noun.children)
    reported = False            # the mention sits in what the verb reports ("officials said troops would ...")
    for _ in range(6):
        if verb is None:
            return None
        cls = _class(verb, d.gaz)
        if cls is not None and cls.subject_is == "host":
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")
                     and m.anchor not in c.subtree and (m.noun is None or m.noun not in c.subtree)), None)
        if subj is not None and subj.dep_ == "agent":
            subj = next((o for o in subj.children if o.dep_ == "pobj"), None)
        if subj is not None and subj.pos_ == "PRON":
            want_antecedent = True
        elif subj is not None:
            got = _named_actor(text, offset + subj.left_edge.idx, offset + subj.right_edge.idx
                               + len(subj.right_edge), d.gaz)
            # a force's own institution speaks of its troops ("the U.S. Navy said"); a country's officials need not
            if got and reported and not want_antecedent and d.gaz.actor_kind.get(got[1]) != "institution":
                return None
            return got
        if verb.head == verb or verb.dep_ not in CLAUSE_DEPS - {"relcl", "acl"}:
            return None
        reported = verb.dep_ == "ccomp" and _reports(verb.head)
        verb = verb.head
    return None


def _salient(title: str | None, ctx: DocContext, gaz: Gazetteer, owners: list[str]) -> str | None:
    """The force the article is about: named in the headline, owning most of the troops named, and whose
    institutions the text names."""
    score: Counter = Counter(owners)
    for a in ctx.actors:            # a force's own institutions named anywhere ("U.S. Marines", "the Bundeswehr")
        if gaz.actor_kind.get(a.text) == "institution":
            score[a.value] += INSTITUTION_VOTE
    for m in gaz.actor_re.finditer(title or ""):
        if not is_place_use(title, m.start()):
            score[gaz.actor_code[m.group()]] += TITLE_VOTE
    # a country the text sends troops to or names as a place more often than as an owner is where the story
    # happens, not whose forces it follows
    places = Counter(c.value for c in ctx.countries)
    best = [(n, a) for a, n in score.items() if a != ctx.host_country() and n > places[a]]
    return max(best)[1] if best else None


def _hedged(gov: Token | None, d: _Doc) -> bool:
    """A movement talked about but not made: under a condition, a plan, a decision, a habit (hedges.csv)."""
    tok = gov
    for _ in range(6):
        if tok is None:
            return False
        for c in tok.children:
            role = d.gaz.hedges.get(c.lower_)
            if role == "mark" and c.dep_ == "mark" or role == "adverb" and c.dep_ == "advmod":
                return True
        if d.gaz.hedges.get(tok.lemma_.lower()) == "governor":
            return True
        if tok.head == tok:
            return False
        tok = tok.head
    return False


def _in_title(noun: Token | None) -> bool:
    """'the head of US forces': forces named inside a person's title."""
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    return noun.head.head.lower_ in _role_nouns()


@functools.lru_cache(maxsize=1)
def _role_nouns() -> frozenset[str]:
    g = load()
    return frozenset(n.lower() for n, k in g.speaker_nouns.items() if k == "role") | frozenset(g.title_words)


def _is_non_troop(m: Mention, gov: Token | None) -> bool:
    """Trained soldiers, casualties and alliance members are numbers about troops, not posture: a cue lemma
    (non_troop_cues.csv) as the governing predicate, as the word the count hangs on, or as the noun's own
    modifier or clause ('soldiers killed', 'wounded troops'), or as what the predicate leaves them ('left four
    soldiers wounded')."""
    cues = load().non_troop_lemmas
    near = [m.anchor.head] + ([gov] + [c for c in gov.children if c.dep_ in ("oprd", "acomp")] if gov is not None else [])
    if m.noun is not None:
        near += [c for c in m.noun.children if c.dep_ in ("amod", "acl", "relcl") and c != m.anchor]
    else:
        near += [c for c in m.anchor.children if c.dep_ == "relcl"]
    return any(t != m.noun and t.lemma_.lower() in cues for t in near)


@functools.lru_cache(maxsize=1)
def _unit_re() -> re.Pattern[str]:
    types = trie_pattern(load().unit_types)
    one = rf"\d+(?:st|nd|rd|th)\s+(?:[A-Z]\w+\s+){{0,2}}(?:{types})\b"
    return re.compile(rf"\b{one}(?:(?:,\s*|\s+of\s+the\s+){one})*")


def _unit(m: Mention, gov: Token | None) -> str | None:
    """A named unit in the mention's clause ('the 82nd Airborne Division', units.csv)."""
    for top in [t for t in (m.noun, gov, m.anchor) if t is not None]:
        span = top.doc[top.left_edge.i:top.right_edge.i + 1].text
        chain = _unit_re().search(span)
        if chain:
            return chain.group()
        for pat, _ in load().units:
            um = pat.search(span)
            if um:
                return um.group()
    return None


def _rows_of(sent: Sentence, si: int, doc: Doc, d: _Doc, pending: list) -> None:
    gaz = d.gaz
    for m in _mentions(doc, gaz):
        gov, cls = _predicate(m, gaz)
        if _is_non_troop(m, gov):
            continue
        action = _action(m, gov, cls)
        own = _own_actor(m, d, sent.start)
        pending.append((sent, si, m, gov, cls, action, own, own or _subject_actor(gov, m, d, sent.start)))


def extract(sentences: list[Sentence], ctx: DocContext, dates: DateResolver, parsed: dict[int, Doc],
            title: str | None = None) -> list[dict]:
    gaz = load()
    d = _Doc(ctx, dates, gaz)
    index = {s.start: i for i, s in enumerate(sentences)}
    pending: list = []
    for sent in sorted((s for s in sentences if s.start in parsed), key=lambda s: s.start):
        _rows_of(sent, index[sent.start], parsed[sent.start], d, pending)
    d.salient = _salient(title, ctx, gaz, [p[7][0] for p in pending if p[7]])
    rows: list[dict] = []
    for sent, si, m, gov, cls, action, own, subject in pending:
        row = _row(sent, si, m, gov, cls, action, own, subject, d)
        if row is not None:
            rows.append(row)
            if row["troop_count"] is None and own is not None:
                rows.extend(_co_owners(row, m, d, sent.start))
    # "the number of American forces in Afghanistan would be reduced to 2,500": the uncounted mention is the
    # counted one, whether it repeats the action or only says where they stand
    counted = {(r["start_offset"], r["actor"], r["action"]) for r in rows if r["troop_count"] is not None}
    counted |= {(s, a, "present") for s, a, _ in counted}
    return [r for r in rows if r["count_kind"] != "none"
            or (r["start_offset"], r["actor"], r["action"]) not in counted]


def _setting(d: _Doc, sent: Sentence, owner: str) -> tuple[str, None] | None:
    """Where a contingent that stands, stays or is cut is, when its sentence names no place: the country the
    article is set in (named most often as a place), as last written before the sentence; never the owner's own
    country."""
    host = d.ctx.host_country()
    if host is None or host == owner:
        return None
    named = [c for c in d.ctx.countries if c.value == host]
    before = [c for c in named if c.start < sent.end]
    pick = (before or named)[-1]
    return pick.text, None


def _row(sent: Sentence, si: int, m: Mention, gov: Token | None, cls: ActionLemma | None, action: str,
         own: tuple[str, str] | None, subject: tuple[str, str] | None, d: _Doc) -> dict | None:
    if m.pronoun:
        # the troops named last, in this sentence or the one before; no antecedent, no row
        if d.antecedent is None or si - d.antecedent[0] > 1:
            return None
        actor = d.antecedent[1]
        d.antecedent = (si, actor)
        if action == "present":
            return None
    else:
        # a numberless force counts when it moves, or when it is stationed somewhere by a verb that says so
        # ("French troops are based in Gao"; the place is checked below); mere mentions do not
        stationed = action == "present" and cls is not None and own is not None
        if m.count.kind == "none" and (action == "present" and not stationed or _hedged(gov, d) or _in_title(m.noun)):
            return None
        noun = m.noun if m.noun is not None else m.template.noun if m.template is not None else None
        key = (sent.start, noun.i) if noun is not None else None
        actor = own or d.noun_actor.get(key) or subject
        if actor is None and noun is not None and noun != m.anchor:
            actor = _subject_actor(_predicate(Mention(noun, noun, m.count), d.gaz)[0], m, d, sent.start)
        if actor is None and d.salient:
            actor = (d.salient, "")
        if actor is None:
            return None
        d.antecedent = (si, actor)
        if key is not None:
            d.noun_actor.setdefault(key, actor)
    if m.count.value is None and actor[0] == d.ctx.host_country() and own is None or \
            m.count.kind == "none" and actor[0] == d.ctx.host_country():
        return None
    origin, location = _places(m, gov, cls, action, d, sent.start)
    if m.count.kind == "none" and action == "present" and location is None:
        return None
    if location is None and action in STAYING:
        location = _setting(d, sent, actor[0])
    sd = d.dates.dates_in(sent.text, sent.start)
    # the same contingent restated (a quote repeating the figure) is one row, not two
    key = (actor[0], m.count.value) if m.count.value is not None else (sent.start, actor[0], m.count.text, action)
    if key in d.seen:
        return None
    d.seen.add(key)
    base = location[1] if location else None
    return {
        "actor": actor[0], "actor_text": actor[1], "unit": _unit(m, gov),
        "troop_count": m.count.value, "count_text": m.count.text or None, "count_kind": m.count.kind,
        "action": action, "origin": origin[0] if origin else None, "location": location[0] if location else None,
        "event_date": sd[0][2] if sd else None,
        "evidence": sent.text, "start_offset": sent.start, "end_offset": sent.end,
        "_base": base.value if base is not None else None,
    }


def _co_owners(row: dict, m: Mention, d: _Doc, offset: int) -> list[dict]:
    """'alongside French, Danish and Icelandic forces': a force without a number that several owners share is a
    row for each of them (a shared number cannot be split, so counted rows are left alone)."""
    if m.noun is None:
        return []
    text, out, seen = d.ctx.text, [], {row["actor"]}
    lo = offset + m.noun.left_edge.idx
    for a in d.ctx.in_span(d.ctx.actors, lo, offset + m.noun.idx):
        if a.value not in seen:
            seen.add(a.value)
            out.append({**row, "actor": a.value, "actor_text": text[a.start:a.end]})
    return out


def candidates(sentences: list[Sentence], text: str) -> list[Sentence]:
    """The sentences worth parsing for troops: a troop noun, an 'of them' that may stand for troops, or a number
    joined to a size word ('a 600-strong battalion')."""
    gaz = load()
    chosen = {s.start: s for s in with_hits(sentences, gaz.troop_noun_re, text)}
    chosen.update({s.start: s for s in with_hits(sentences, PRONOUN_HINT, text)})
    chosen.update({s.start: s for s in with_hits(sentences, SIZE_HINT, text)})
    return sorted(chosen.values(), key=lambda s: s.start)
