"""Finding, reading and decoding input files.

A document's identity is its bytes: `doc_id` is a prefix of their SHA-256, so the same file gets the same id on
every run and machine, and a file whose bytes changed becomes a new document. Files that cannot be ingested are
not dropped silently: each becomes a `Rejection` with a reason a person can act on.
"""
from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

# Which file names are input: text dumps. Not .md by default: a folder's README is not an article.
# `--suffix md` (or any other) adds a suffix.
TEXT_SUFFIXES = (".txt", ".text")
# A news article's text dump is tens of kilobytes; a file of megabytes is a log, a dump or an attack, and the
# rules' cost grows faster than its length. --max-bytes raises the limit.
DEFAULT_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class FileEntry:
    """A candidate input file, known by its stat alone (cheap: nothing is read yet).

    File names are bytes to the operating system; `path` and `source_file` are their text for the warehouse (bytes
    that are not UTF-8 shown as backslash escapes), `os_path` the name to open."""

    path: str  # absolute
    source_file: str  # relative to the input folder, POSIX separators
    byte_size: int
    mtime_ns: int
    os_path: str = ""  # what open() needs (may hold undecodable bytes as surrogates); empty: `path`


@dataclass(frozen=True)
class RawDocument:
    doc_id: str
    source_file: str
    path: str
    raw_text: str
    encoding: str
    byte_size: int
    mtime_ns: int


@dataclass(frozen=True)
class Rejection:
    source_file: str
    reason: str


def doc_id_for(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def display_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (which os gives back as surrogates) become \\xNN escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def scan_folder(input_dir: Path, allow_outside_links: bool = False, suffixes: tuple[str, ...] = TEXT_SUFFIXES
                ) -> tuple[list[FileEntry], list[Rejection], int]:
    """List every file below `input_dir`, in a stable order, rejecting what is plainly not a text file; the third
    value counts the hidden files and folders skipped.

    Hidden files and folders (names starting with '.') are skipped: they are editor and OS droppings, not input
    (the run's summary says how many).
    Symbolic links to folders are not followed, so a link loop cannot trap the walk; a link to a file outside the
    folder is refused unless `allow_outside_links` (input stays inside the folder the user named).
    """
    root = Path(input_dir)
    suffixes = tuple(s.lower() if s.startswith(".") else "." + s.lower() for s in suffixes)
    if not root.is_dir():
        raise NotADirectoryError(f"input folder not found: {root}")
    entries: list[FileEntry] = []
    rejections: list[Rejection] = []
    hidden = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        hidden += sum(n.startswith(".") for n in (*dirnames, *filenames))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        names = sorted(n for n in filenames if not n.startswith("."))
        names += [d for d in dirnames if Path(d).suffix.lower() in suffixes]
        for name in sorted(names):
            path = here / name
            rel = display_name(path.relative_to(root).as_posix())
            entry, rejection = _stat_entry(path, rel, root, allow_outside_links, suffixes)
            if entry is not None:
                entries.append(entry)
            if rejection is not None:
                rejections.append(rejection)
    return entries, rejections, hidden


def _stat_entry(path: Path, rel: str, root: Path | None = None, allow_outside_links: bool = False,
                suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> tuple[FileEntry | None, Rejection | None]:
    try:
        st = path.stat()
    except OSError as exc:
        return None, Rejection(rel, f"cannot stat file: {exc.strerror or exc}")
    if root is not None and path.is_symlink() and not allow_outside_links:
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            return None, Rejection(rel, f"symbolic link to a file outside the input folder ({display_name(str(target))}"
                                        "; --allow-outside-links to follow it)")
    if path.is_dir():
        return None, Rejection(rel, "is a directory, not a file")
    if not path.is_file():
        return None, Rejection(rel, "not a regular file")
    if path.suffix.lower() not in suffixes:
        return None, Rejection(rel, f"suffix {path.suffix or '(none)'} is not read (read: {' '.join(suffixes)}; "
                                    "--suffix adds one)")
    real = str(path.resolve())
    return FileEntry(display_name(real), rel, st.st_size, st.st_mtime_ns, real), None


def read_documents(
    entries: Iterable[FileEntry], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Rejection]:
    """Read and decode each file; yield a document or the reason it was refused."""
    for entry in entries:
        yield read_document(entry, max_bytes)


def read_document(entry: FileEntry, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument | Rejection:
    if entry.byte_size > max_bytes:
        return Rejection(entry.source_file, f"too large: {entry.byte_size} bytes (limit {max_bytes}; see --max-bytes)")
    try:
        data = _read_regular(entry.os_path or entry.path, max_bytes + 1)
    except NotARegularFile:
        return Rejection(entry.source_file, "not a regular file (it changed into a pipe, device or socket)")
    except FileNotFoundError:
        return Rejection(entry.source_file, "file vanished before it could be read")
    except OSError as exc:
        return Rejection(entry.source_file, f"cannot read file: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return Rejection(entry.source_file, f"too large: over {max_bytes} bytes (limit; see --max-bytes)")
    decoded = decode_bytes(data)
    if isinstance(decoded, str):
        return Rejection(entry.source_file, decoded)
    text, encoding = decoded
    return RawDocument(
        doc_id=doc_id_for(data),
        source_file=entry.source_file,
        path=entry.path,
        raw_text=text,
        encoding=encoding,
        byte_size=len(data),
        mtime_ns=entry.mtime_ns,
    )


class NotARegularFile(OSError):
    """The name no longer names a regular file."""


def _read_regular(path: str, limit: int) -> bytes:
    """Read up to `limit` bytes of a regular file. Opened without blocking and checked before reading: a name that
    became a FIFO after the scan would otherwise hang the run in open()."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARegularFile(path)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(limit)
    finally:
        os.close(fd)


def decode_bytes(data: bytes) -> tuple[str, str] | str:
    """Return (text, encoding), or a rejection reason.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded as such. Anything else is handed to
    charset-normalizer, and the encoding it settles on is recorded with the document, so a guess is visible.
    """
    if not data:
        return "empty file"
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _try(data, "utf-8-sig")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _try(data, "utf-16")
    else:
        if b"\x00" in data:
            return "binary file (contains NUL bytes)"
        text, encoding = _try(data, "utf-8")
        if text is None:
            text, encoding = _utf8_with_replacements(data)
        if text is None:
            text, encoding = _legacy(data)
            if text is None:
                return "not text: invalid UTF-8 and no plausible legacy encoding decodes it"
    if text is None:
        return f"invalid {encoding} despite its byte-order mark"
    if "\x00" in text:
        return "binary file (contains NUL characters)"
    if not text.strip():
        return "whitespace only"
    return text, encoding


def _utf8_with_replacements(data: bytes) -> tuple[str | None, str]:
    """UTF-8 with a few bad bytes (a truncated copy, one stray Latin-1 byte) is still UTF-8: its valid multi-byte
    characters (curly quotes, accents) outnumber the bad sequences, which become U+FFFD and are counted. A legacy
    file almost never holds a valid multi-byte sequence, so it goes on to the code-page readers."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    if valid and bad <= valid:
        return text, f"utf-8 ({bad} invalid byte sequence{'s' if bad != 1 else ''} replaced)"
    return None, "utf-8"


def _legacy(data: bytes) -> tuple[str | None, str]:
    """Decode bytes that are not UTF-8.

    Windows-1252 comes first: it is what legacy Western news text almost always is, and charset detectors are
    unreliable on a few kilobytes of it. Text that only decodes as cp1252 by turning mostly into accented
    capitals and symbols (Cyrillic, Greek, ... in a single-byte code page) goes to charset-normalizer instead.
    """
    text, _ = _try(data, "cp1252")
    if text is not None and _plausible_latin(text):
        return text, "cp1252 (detected: not valid UTF-8)"
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None, "unknown"
    return str(best), f"{best.encoding} (detected: not valid UTF-8)"


def _plausible_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    high = sum(1 for c in letters if ord(c) > 0x7F)
    return high / len(letters) < 0.3


def _try(data: bytes, encoding: str) -> tuple[str | None, str]:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None, encoding
