import datetime
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "extract"


def articles() -> list[tuple[str, str, datetime.date | None]]:
    out = []
    for txt in sorted(DATA.glob("*.txt")):
        gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        pub = datetime.date.fromisoformat(gold["published_on"]) if gold.get("published_on") else None
        out.append((txt.name, txt.read_text(encoding="utf-8"), pub))
    return out


@pytest.fixture(scope="session")
def article_facts():
    from sitrep.extract import extract_facts
    return [(name, text, extract_facts(text, pub)) for name, text, pub in articles()]
