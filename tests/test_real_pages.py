"""The real-article proving ground's tools: the gold checker holds the labelling guide's rules, and the manifest
says which texts a machine lacks. Texts here are written for the test; the real pages are never in git."""
from __future__ import annotations

import hashlib
import json

import pytest

from benchmarks import real_pages

TEXT = ("Troops Leave the Northern Base\n\nThe last 400 soldiers of the battalion left the base on Sunday.\n"
        "\"We are proud of what we did here,\" said Col. Jane Roe.\n")


def _gold(**changes) -> dict:
    gold = {"doc": "x.txt", "title": "Troops Leave the Northern Base", "published_on": None,
            "keep": ["The last 400 soldiers of the battalion", "left the base on Sunday.",
                     "We are proud of what we did here", "said Col. Jane Roe."],
            "drop": [], "troops": [{"actor": "USA", "count": 400, "action": ["withdraw"], "required": True}],
            "bases": [], "statements": [{"speaker": ["Roe"], "quote": "We are proud of what we did here",
                                         "kind": "direct"}], "amounts": []}
    gold.update(changes)
    return gold


def test_gold_that_follows_the_guide_has_no_problem():
    assert real_pages.check_gold(_gold(), TEXT) == []


def test_a_snippet_that_is_not_in_the_text_is_reported():
    problems = real_pages.check_gold(_gold(keep=_gold()["keep"][:3] + ["the soldiers were flown home"]), TEXT)
    assert problems == ["keep not verbatim: 'the soldiers were flown home'"]


def test_whitespace_is_folded_before_the_verbatim_check():
    assert real_pages.check_gold(_gold(keep=_gold()["keep"][:3] + ["left   the base\non Sunday."]), TEXT) == []


def test_an_actor_that_is_not_an_iso_code_is_reported():
    problems = real_pages.check_gold(_gold(troops=[{"actor": "US", "count": 400, "action": ["withdraw"]}]), TEXT)
    assert any("actor 'US'" in p for p in problems)


def test_an_action_outside_the_guide_is_reported():
    problems = real_pages.check_gold(_gold(troops=[{"actor": "USA", "count": 400, "action": ["leave"]}]), TEXT)
    assert any("action" in p for p in problems)


def test_a_currency_that_is_not_iso_4217_is_reported():
    problems = real_pages.check_gold(_gold(amounts=[{"text": "400", "currency": "DOLLARS"}]), TEXT)
    assert any("ISO 4217" in p for p in problems)


def test_without_its_text_only_the_labels_are_checked():
    assert real_pages.check_gold(_gold(keep=_gold()["keep"][:3] + ["not in any text at all here"]), None) == []


def test_verify_names_missing_and_changed_texts(tmp_path, monkeypatch):
    monkeypatch.setattr(real_pages, "TEXTS", tmp_path)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT + "edited", encoding="utf-8")
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    entries = [{"file": n, "sha256": digest} for n in ("a.txt", "b.txt", "c.txt")]
    assert real_pages.verify(entries) == {"missing": ["c.txt"], "changed": ["b.txt"]}


def test_save_stores_a_fetched_text_whose_hash_matches_the_manifest(tmp_path, monkeypatch):
    monkeypatch.setattr(real_pages, "TEXTS", tmp_path)
    entries = [{"file": "a.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest()}]
    real_pages.save("a.txt", json.dumps(TEXT), entries)
    assert (tmp_path / "a.txt").read_bytes() == TEXT.encode()


def test_save_refuses_a_text_whose_hash_differs(tmp_path, monkeypatch):
    monkeypatch.setattr(real_pages, "TEXTS", tmp_path)
    entries = [{"file": "a.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest()}]
    with pytest.raises(real_pages.SaveError, match="differs"):
        real_pages.save("a.txt", json.dumps(TEXT + " "), entries)
    assert not (tmp_path / "a.txt").exists()


def test_save_refuses_text_that_is_not_a_json_string_literal(tmp_path, monkeypatch):
    monkeypatch.setattr(real_pages, "TEXTS", tmp_path)
    entries = [{"file": "a.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest()}]
    with pytest.raises(real_pages.SaveError, match="JSON string literal"):
        real_pages.save("a.txt", TEXT, entries)


@pytest.fixture
def proving_ground(tmp_path, monkeypatch):
    """An empty proving ground in a temp dir: texts/ and manifest.d/."""
    monkeypatch.setattr(real_pages, "REAL", tmp_path)
    monkeypatch.setattr(real_pages, "TEXTS", tmp_path / "texts")
    (tmp_path / "manifest.d").mkdir()
    return tmp_path


def _add(name="zz01.txt", url="https://example.org/troops-leave", guard=real_pages.GUARD):
    return real_pages.add(name, json.dumps(TEXT), url, "troops leave base", "Example Daily", "regional",
                          "example-story", guard)


@pytest.mark.skipif(not real_pages.GUARD.exists(), reason="needs ../shared/eval/heldout_guard.py")
def test_add_stores_a_new_page_the_guard_passes_and_its_collectors_line(proving_ground):
    entry = _add()
    assert (proving_ground / "texts" / "zz01.txt").read_bytes() == TEXT.encode()
    line = json.loads((proving_ground / "manifest.d" / "zz.jsonl").read_text(encoding="utf-8"))
    assert line == entry and line["sha256"] == hashlib.sha256(TEXT.encode()).hexdigest()


def test_add_deletes_a_page_the_guard_names_before_anyone_reads_it(proving_ground, tmp_path):
    guard = tmp_path / "guard.py"
    guard.write_text("import sys\nprint('clash')\nsys.exit(1)\n", encoding="utf-8")
    with pytest.raises(real_pages.SaveError, match="guard"):
        _add(guard=guard)
    assert not (proving_ground / "texts" / "zz01.txt").exists()
    assert not (proving_ground / "manifest.d" / "zz.jsonl").exists()


@pytest.mark.skipif(not real_pages.GUARD.exists(), reason="needs ../shared/eval/heldout_guard.py")
def test_add_refuses_an_address_already_collected(proving_ground):
    _add()
    with pytest.raises(real_pages.SaveError, match="already in the proving ground"):
        _add(name="zz02.txt")


MANIFEST = real_pages.load_manifest()


@pytest.mark.skipif(not MANIFEST, reason="no tests/data/real/manifest.json yet")
def test_every_page_of_the_manifest_has_gold_that_follows_the_guide():
    """Verbatim checks run where the texts were fetched (tests/data/real/README.md); the labels everywhere."""
    assert real_pages.check(MANIFEST) == {}


@pytest.mark.skipif(not MANIFEST, reason="no tests/data/real/manifest.json yet")
def test_the_manifest_records_where_each_page_came_from_and_its_split():
    for e in MANIFEST:
        assert {"file", "url", "query", "outlet", "story", "sha256", "split"} <= set(e), e.get("file")
        assert e["split"] in real_pages.SPLITS
    assert json.loads(json.dumps(MANIFEST)) == MANIFEST


def test_the_agreement_names_facts_only_one_labeller_holds_required(tmp_path, monkeypatch):
    first, second = tmp_path / "gold", tmp_path / "gold_second"
    first.mkdir(), second.mkdir()
    (first / "x.json").write_text(json.dumps(_gold()), encoding="utf-8")
    other = _gold(troops=[{"actor": "USA", "count": 400, "action": ["withdraw"], "required": False}])
    (second / "x.json").write_text(json.dumps(other), encoding="utf-8")
    monkeypatch.setattr(real_pages, "GOLD", first)
    monkeypatch.setattr(real_pages, "SECOND", second)
    rows = real_pages.agreement()
    assert rows == {"x": {"troops": ([("USA", 400)], [])}}
    assert real_pages.agreement_rates(rows)["troops"] == 0.0 and real_pages.agreement_rates(rows)["title"] == 1.0
