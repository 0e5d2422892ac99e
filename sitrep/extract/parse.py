"""The parsed representation under the extractors: spaCy's tagger, dependency parser, lemmatizer and entities,
run on the sentences that can carry a fact.

One pipeline per process, loaded by `pipeline()`; its name is the `spacy_pipeline` setting (sitrep.config), so a
user can point sitrep at the official `en_core_web_sm` or a larger pipeline they installed. Nothing is downloaded:
a name that is not installed is an error that says what to install.

The parse is the cost of extraction, so cheap regular filters choose the sentences first (a troop noun, a "them"
that may stand for troops) and only those are parsed, all of one document's in one `nlp.pipe` call; each is parsed
once and every extractor reads the same Doc. A sentence is parsed on its own text: a token's offset in clean_text is
the sentence's start plus `token.idx`.
"""
from __future__ import annotations

import functools
import time
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from sitrep import config

from .gazetteer import load
from .sentences import Sentence

# What the extractors read; "senter" is left out because the parser sets sentence boundaries itself.
NEEDED = ("tagger", "parser", "lemmatizer", "ner")
BATCH_SIZE = 64
MAX_SENTENCE_CHARS = 3000


class PipelineError(RuntimeError):
    """The configured spaCy pipeline cannot be used, phrased for the person running sitrep."""


@functools.lru_cache(maxsize=2)
def pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline named by `name`, else by the `spacy_pipeline` setting; loaded once per process."""
    import spacy

    name = name or config.setting("spacy_pipeline")
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as exc:
        raise PipelineError(f"spaCy pipeline {name!r} is not installed (set spacy_pipeline in sitrep.toml or "
                            f"SITREP_SPACY_PIPELINE to an installed one; the default is "
                            f"{config.DEFAULT_PIPELINE!r}): {exc}") from exc
    missing = [c for c in NEEDED if c not in nlp.pipe_names]
    if missing:
        raise PipelineError(f"spaCy pipeline {name!r} lacks {', '.join(missing)}: extraction reads all of "
                            f"{', '.join(NEEDED)}")
    _abbreviations(nlp)
    return nlp


def _abbreviations(nlp: Language) -> None:
    """Abbreviated titles (titles.csv: "Sgt.", "Lt.") stay one token: split off, their full stop would end the
    sentence inside the speaker's name and the parse would lose the name."""
    from spacy.symbols import ORTH

    for title in load().titles:
        for word in title.split():
            if word.endswith(".") and len(word) > 2:
                nlp.tokenizer.add_special_case(word, [{ORTH: word}])


def parse(sentences: Iterable[Sentence], nlp: Language | None = None, deadline: float | None = None
          ) -> tuple[dict[int, Doc], bool]:
    """The parse of each sentence, by the sentence's start offset in clean_text, and whether parsing stopped at
    `deadline` (a time.monotonic() value) with sentences left. A "sentence" longer than MAX_SENTENCE_CHARS is no
    prose (a table, a page without punctuation) and is not parsed: the parser's cost grows with it and spaCy
    refuses texts over a million characters."""
    chosen = [s for s in sentences if len(s.text) <= MAX_SENTENCE_CHARS]
    nlp = nlp or pipeline()
    parsed: dict[int, Doc] = {}
    for s, doc in zip(chosen, nlp.pipe((s.text for s in chosen), batch_size=BATCH_SIZE)):
        parsed[s.start] = doc
        if deadline is not None and time.monotonic() > deadline and len(parsed) < len(chosen):
            return parsed, True
    return parsed, False
