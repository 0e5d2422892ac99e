"""The real-article proving ground (tests/data/real): its manifest, its texts and its gold.

The texts are third-party pages and never enter git (tests/data/real/texts/ is ignored); the manifest records
where each came from (address, the search query that returns it, outlet, story), its sha256 and its split, so a
new machine can fetch them again and check every file. See tests/data/real/README.md.

usage: python -m benchmarks.real_pages build     merge manifest.d/*.jsonl into manifest.json, assigning splits
       python -m benchmarks.real_pages verify    which texts are missing or differ from their recorded hash
       python -m benchmarks.real_pages check     the gold against the labelling guide's rules
       python -m benchmarks.real_pages agree     first vs second labelling of the double-labelled sample
       python -m benchmarks.real_pages save FILE  store one text fetched again: stdin is the search result's
                                                  excerpt as its JSON string literal (quotes and escapes included)
       python -m benchmarks.real_pages add FILE --url U --query Q --outlet O --kind K --story S
                                                  a new page (stdin as for save): guard-checked, then its
                                                  collector's line in manifest.d/ (run build after labelling)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pycountry

REAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "real"
GUARD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "heldout_guard.py"
OUTLET_KINDS = ("aggregator", "blog", "broadcaster", "forum", "government", "national", "non-western", "regional",
                "trade", "wire")
MANIFEST = REAL / "manifest.json"
TEXTS, GOLD, SECOND = REAL / "texts", REAL / "gold", REAL / "gold_second"
SAMPLE = REAL / "second_sample.txt"  # the pages labelled a second time, independently (always dev)
SPLITS = ("dev", "blind", "reserve")
BLIND_EVERY = 3          # within each story, one page in three is blind
RESERVE_PREFIX = "f"     # pages whose reserve hash starts so (about one in sixteen) wait for a later blind part

ACTIONS = {"deploy", "withdraw", "relocate", "remain", "reduce", "present", "evacuate"}
BASE_EVENTS = {"handover", "evacuate", "retain", "relocate", "attack", "host"}
ACTORS = {c.alpha_3 for c in pycountry.countries} | {"NATO", "COALITION", "XKX"}
CURRENCIES = {c.alpha_3 for c in pycountry.currencies}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _h(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def load_manifest() -> list[dict]:
    return json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else []


def build() -> list[dict]:
    """Merge the collectors' lines; a page keeps the split it was given once (a split never moves silently)."""
    known = {e["file"]: e for e in load_manifest()}
    entries = {}
    for path in sorted((REAL / "manifest.d").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                e = json.loads(line)
                entries[e["file"]] = {**e, **({"split": known[e["file"]]["split"]} if e["file"] in known else {})}
    second = set(SAMPLE.read_text(encoding="utf-8").split()) if SAMPLE.exists() else set()
    by_story: dict[str, list[str]] = {}
    for name, e in entries.items():
        if "split" not in e:
            by_story.setdefault(e["story"], []).append(name)
    for names in by_story.values():
        for i, name in enumerate(sorted(names, key=lambda n: _h("split:" + n))):
            if name in second:
                split = "dev"  # its two labellings are compared and reconciled: it cannot be blind
            elif _h("reserve:" + name).startswith(RESERVE_PREFIX):
                split = "reserve"
            else:
                split = "blind" if i % BLIND_EVERY == 1 else "dev"
            entries[name]["split"] = split
    out = [entries[n] for n in sorted(entries)]
    MANIFEST.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def verify(entries: list[dict] | None = None) -> dict[str, list[str]]:
    """Files missing from texts/ and files whose bytes are not the ones recorded."""
    entries = load_manifest() if entries is None else entries
    missing, changed = [], []
    for e in entries:
        path = TEXTS / e["file"]
        if not path.exists():
            missing.append(e["file"])
        elif hashlib.sha256(path.read_bytes()).hexdigest() != e["sha256"]:
            changed.append(e["file"])
    return {"missing": missing, "changed": changed}


class SaveError(ValueError):
    """A fetched text that cannot be stored as the manifest's page."""


def save(name: str, literal: str, entries: list[dict] | None = None) -> Path:
    """Store a page fetched again from the search tool (its excerpt as the JSON answer shows it, a string literal):
    only if its bytes hash to the manifest's sha256, so a text in texts/ is always the labelled one."""
    entry = next((e for e in (entries if entries is not None else load_manifest()) if e["file"] == name), None)
    if entry is None:
        raise SaveError(f"{name} is not in the manifest")
    text = _literal(name, literal)
    if _h(text) != entry["sha256"]:
        raise SaveError(f"{name}: sha256 {_h(text)[:12]} differs from the manifest's {entry['sha256'][:12]}; not saved")
    TEXTS.mkdir(parents=True, exist_ok=True)
    (TEXTS / name).write_bytes(text.encode())
    return TEXTS / name


def _literal(name: str, literal: str) -> str:
    try:
        text = json.loads(literal.strip())
    except json.JSONDecodeError as exc:
        raise SaveError(f"{name}: not a JSON string literal ({exc.msg})") from None
    if not isinstance(text, str):
        raise SaveError(f"{name}: not a JSON string literal")
    return text


def add(name: str, literal: str, url: str, query: str, outlet: str, kind: str, story: str,
        guard: Path = GUARD) -> dict:
    """Store a new page and its collector's line (manifest.d/<first two letters of its name>.jsonl), after the
    held-out guard has passed its address and its text: a page the guard names is deleted before anyone reads it."""
    if kind not in OUTLET_KINDS:
        raise SaveError(f"{name}: outlet kind {kind!r} is not one of {', '.join(OUTLET_KINDS)}")
    lines = [json.loads(x) for p in sorted((REAL / "manifest.d").glob("*.jsonl"))
             for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    if any(e["file"] == name for e in lines):
        raise SaveError(f"{name} is already taken")
    if any(e["url"] == url for e in lines):
        raise SaveError(f"{url} is already in the proving ground")
    text = _literal(name, literal)
    TEXTS.mkdir(parents=True, exist_ok=True)
    path = TEXTS / name
    path.write_bytes(text.encode())
    checked = subprocess.run([sys.executable, str(guard), "--url", url, str(path)], capture_output=True, text=True)
    if checked.returncode != 0 or "clash" in checked.stdout:
        path.unlink()
        raise SaveError(f"{name}: the held-out guard names this page; deleted unread (leave its story out)")
    entry = {"file": name, "url": url, "query": query, "outlet": outlet, "outlet_kind": kind, "story": story,
             "sha256": _h(text)}
    with (REAL / "manifest.d" / f"{name[:2]}.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry) + "\n")
    return entry


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_gold(gold: dict, text: str | None) -> list[str]:
    """What breaks the guide's rules in one gold file (empty when nothing does). Without its text (not fetched on
    this machine) only the labels are checked, not that the snippets are verbatim."""
    problems = []
    body = _fold(text) if text is not None else None

    def verbatim(what: str, value: str | None) -> None:
        if body is not None and value and _fold(value) not in body:
            problems.append(f"{what} not verbatim: {value[:60]!r}")

    verbatim("title", gold.get("title"))
    if gold.get("published_on") is not None and not DATE.match(str(gold["published_on"])):
        problems.append(f"published_on is not YYYY-MM-DD: {gold['published_on']!r}")
    keep = gold.get("keep") or []
    if not 4 <= len(keep) <= 8:
        problems.append(f"{len(keep)} keep snippets (the guide asks for 4-8)")
    for s in keep:
        verbatim("keep", s)
    for s in gold.get("drop") or []:
        verbatim("drop", s)
    for t in gold.get("troops") or []:
        if t.get("actor") not in ACTORS:
            problems.append(f"troop actor {t.get('actor')!r} is not ISO 3166-1 alpha-3, NATO or COALITION")
        if not t.get("action") or set(t["action"]) - ACTIONS:
            problems.append(f"troop action {t.get('action')!r} outside {sorted(ACTIONS)}")
        if t.get("count") is not None and not isinstance(t["count"], int):
            problems.append(f"troop count {t['count']!r} is not an integer")
    for b in gold.get("bases") or []:
        if not b.get("base"):
            problems.append("a base row without a base")
        if not b.get("event") or not set(b["event"]) & BASE_EVENTS:
            problems.append(f"base event {b.get('event')!r} has none of {sorted(BASE_EVENTS)}")
        if b.get("date") is not None and not DATE.match(str(b["date"])):
            problems.append(f"base date {b['date']!r} is not YYYY-MM-DD")
    for s in gold.get("statements") or []:
        verbatim("quote", s.get("quote"))
        if not s.get("speaker") or not isinstance(s["speaker"], list):
            problems.append(f"statement speaker {s.get('speaker')!r} is not a list of names")
        if s.get("kind") not in ("direct", "indirect"):
            problems.append(f"statement kind {s.get('kind')!r}")
    for a in gold.get("amounts") or []:
        if a.get("currency") not in CURRENCIES:
            problems.append(f"amount currency {a.get('currency')!r} is not ISO 4217")
        verbatim("amount", a.get("text"))
    return problems


def check(entries: list[dict] | None = None) -> dict[str, list[str]]:
    entries = load_manifest() if entries is None else entries
    out = {}
    for e in entries:
        gold_path = GOLD / (Path(e["file"]).stem + ".json")
        text_path = TEXTS / e["file"]
        if not gold_path.exists():
            out[e["file"]] = ["no gold file"]
        else:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = text_path.read_text(encoding="utf-8") if text_path.exists() else None
            problems = check_gold(gold, text)
            if gold.get("doc") != e["file"]:
                problems.append(f"doc is {gold.get('doc')!r}")
            if problems:
                out[e["file"]] = problems
    return out


def _required(g: dict, kind: str) -> set:
    """The required facts of one kind as comparable keys (actor and count; base; the quote's first words)."""
    keys = {"troops": lambda r: (r.get("actor"), r.get("count")),
            "bases": lambda r: _fold(str(r.get("base", ""))).lower(),
            "statements": lambda r: _fold(r.get("quote", "")).lower()[:25],
            "amounts": lambda r: _fold(r.get("text", "")).lower()}[kind]
    return {keys(r) for r in g.get(kind) or [] if r.get("required", True)}


def agreement() -> dict:
    """Where two independent labellings of the same page differ (the sample labelled twice): per page, the fields
    and the required facts found by only one of the two."""
    rows = {}
    for second_path in sorted(SECOND.glob("*.json")):
        a = json.loads((GOLD / second_path.name).read_text(encoding="utf-8"))
        b = json.loads(second_path.read_text(encoding="utf-8"))
        row = {f: (a.get(f), b.get(f)) for f in ("title", "published_on") if a.get(f) != b.get(f)}
        for kind in ("troops", "bases", "statements", "amounts"):
            first, second = _required(a, kind), _required(b, kind)
            if first != second:
                row[kind] = (sorted(first - second, key=repr), sorted(second - first, key=repr))
        rows[second_path.stem] = row
    return rows


def agreement_rates(rows: dict) -> dict[str, float]:
    """Share of double-labelled pages on which the two labellings agree, per field or fact kind."""
    fields = ("title", "published_on", "troops", "bases", "statements", "amounts")
    return {f: round(sum(f not in r for r in rows.values()) / len(rows), 2) for f in fields} if rows else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("build", "verify", "check", "agree", "save", "add"))
    parser.add_argument("file", nargs="?", help="save, add: the page's file name (e.g. ra01.txt)")
    for flag in ("--url", "--query", "--outlet", "--kind", "--story"):
        parser.add_argument(flag, help="add: the page's " + flag[2:])
    args = parser.parse_args(argv)
    if args.command == "add":
        missing = [f for f in ("file", "url", "query", "outlet", "kind", "story") if not getattr(args, f)]
        if missing:
            parser.error("add needs " + ", ".join(missing))
        try:
            entry = add(args.file, sys.stdin.read(), args.url, args.query, args.outlet, args.kind, args.story)
        except SaveError as exc:
            print(f"real_pages: {exc}", file=sys.stderr)
            return 1
        print(f"added {entry['file']} ({entry['outlet']}, {entry['story']}); label it, then run build")
        return 0
    if args.command == "save":
        if not args.file:
            parser.error("save needs the manifest's file name")
        try:
            print(f"saved {save(args.file, sys.stdin.read())}")
        except SaveError as exc:
            print(f"real_pages: {exc}", file=sys.stderr)
            return 1
        return 0
    if args.command == "build":
        entries = build()
        splits = Counter(e["split"] for e in entries)
        print(f"{len(entries)} pages, {len({e['outlet'] for e in entries})} outlets, "
              f"{len({e['story'] for e in entries})} stories; " + ", ".join(f"{s} {splits[s]}" for s in SPLITS))
        return 0
    if args.command == "verify":
        result = verify()
        for kind, files in result.items():
            if files:
                print(f"{len(files)} {kind}: {' '.join(files)}")
        if not any(result.values()):
            print(f"all {len(load_manifest())} texts present and as recorded")
        return 1 if any(result.values()) else 0
    if args.command == "check":
        result = check()
        for name, problems in result.items():
            for p in problems:
                print(f"{name}: {p}")
        print(f"{len(result)} of {len(load_manifest())} gold files break a rule")
        return 1 if result else 0
    rows = agreement()
    for name, row in rows.items():
        print(f"{name}: agree" if not row else f"{name}:")
        for field, (first, second) in row.items():
            print(f"  {field}: first {first!r} | second {second!r}")
    print("agreement per page:", agreement_rates(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
