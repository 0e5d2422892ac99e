"""Ingest: which files are read, how they are decoded, and why a file is refused."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sitrep.ingest import FileEntry, RawDocument, Rejection, decode_bytes, read_document, scan_folder


def _entry(path: Path, root: Path) -> FileEntry:
    st = path.stat()
    return FileEntry(str(path), path.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns)


def _read(root: Path, name: str, data: bytes, max_bytes: int = 1024) -> RawDocument | Rejection:
    path = root / name
    path.write_bytes(data)
    return read_document(_entry(path, root), max_bytes)


def test_doc_id_is_the_sha256_prefix_of_the_raw_bytes(seeds_dir, tmp_path):
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    doc = read_document(_entry(seed, seeds_dir))
    assert doc.doc_id == hashlib.sha256(seed.read_bytes()).hexdigest()[:16]


def test_same_bytes_under_another_name_get_the_same_doc_id(tmp_path):
    a = _read(tmp_path, "a.txt", b"Troops left the base.")
    b = _read(tmp_path, "b.txt", b"Troops left the base.")
    assert a.doc_id == b.doc_id and a.source_file != b.source_file


def test_utf8_text_is_decoded_as_utf8(tmp_path):
    doc = _read(tmp_path, "a.txt", "Slovenia’s six soldiers".encode())
    assert doc.raw_text == "Slovenia’s six soldiers" and doc.encoding == "utf-8"


def test_a_utf8_byte_order_mark_is_stripped_and_recorded(tmp_path):
    doc = _read(tmp_path, "a.txt", b"\xef\xbb\xbfHello troops")
    assert doc.raw_text == "Hello troops" and doc.encoding == "utf-8-sig"


def test_cp1252_text_is_decoded_with_detection_and_says_so(tmp_path):
    text = "The minister’s “final” offer – about €5 million – was refused by the defence committee today."
    doc = _read(tmp_path, "a.txt", text.encode("cp1252"))
    assert isinstance(doc, RawDocument)
    assert doc.raw_text == text
    assert "detected" in doc.encoding


def test_empty_file_is_rejected():
    assert decode_bytes(b"") == "empty file"


def test_whitespace_only_file_is_rejected():
    assert decode_bytes(b" \n\t\r\n ") == "whitespace only"


def test_file_with_nul_bytes_is_rejected_as_binary():
    assert "binary" in decode_bytes(b"PK\x03\x04\x00\x00binary")


def test_file_over_the_size_limit_is_rejected_with_the_limit_named(tmp_path):
    result = _read(tmp_path, "big.txt", b"x" * 2048, max_bytes=1024)
    assert isinstance(result, Rejection) and "1024" in result.reason


def test_scan_rejects_other_file_types_and_directories_named_like_text(tmp_path):
    (tmp_path / "ok.txt").write_text("text")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "folder.txt").mkdir()
    entries, rejections, _ = scan_folder(tmp_path)
    assert [e.source_file for e in entries] == ["ok.txt"]
    reasons = {r.source_file: r.reason for r in rejections}
    assert "suffix .jpg is not read" in reasons["photo.jpg"] and "--suffix" in reasons["photo.jpg"]
    assert "directory" in reasons["folder.txt"]


def test_scan_finds_files_in_subfolders_with_relative_names(tmp_path):
    (tmp_path / "2020" / "jan").mkdir(parents=True)
    (tmp_path / "2020" / "jan" / "a.txt").write_text("text")
    entries, _, _ = scan_folder(tmp_path)
    assert [e.source_file for e in entries] == ["2020/jan/a.txt"]


def test_scan_skips_hidden_files(tmp_path):
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    (tmp_path / "a.txt").write_text("text")
    entries, rejections, _ = scan_folder(tmp_path)
    assert [e.source_file for e in entries] == ["a.txt"] and rejections == []


def test_a_file_that_vanished_before_reading_is_rejected(tmp_path):
    path = tmp_path / "gone.txt"
    path.write_text("soon gone")
    entry = _entry(path, tmp_path)
    path.unlink()
    result = read_document(entry)
    assert isinstance(result, Rejection) and "vanished" in result.reason


def test_cyrillic_in_a_single_byte_code_page_is_not_mistaken_for_cp1252(tmp_path):
    text = "Министр обороны заявил, что войска останутся на базе до конца года."
    doc = _read(tmp_path, "a.txt", text.encode("cp1251"))
    assert doc.raw_text == text and "cp1251" in doc.encoding


def test_invalid_utf8_sequences_fall_back_to_a_recorded_legacy_decoding(tmp_path):
    doc = _read(tmp_path, "a.txt", b"Troops left the base \xff\xfe on Monday, officials said in a statement.")
    assert isinstance(doc, RawDocument) and "not valid UTF-8" in doc.encoding


def test_utf16_with_a_byte_order_mark_is_decoded(tmp_path):
    doc = _read(tmp_path, "a.txt", "Troops left the base.".encode("utf-16"))
    assert doc.raw_text == "Troops left the base." and doc.encoding == "utf-16"


def test_a_symlink_loop_is_rejected_not_followed(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    entries, rejections, _ = scan_folder(tmp_path)
    assert entries == [] and {r.source_file for r in rejections} == {"a.txt", "b.txt"}
    assert all("cannot stat" in r.reason for r in rejections)


def test_an_unreadable_file_is_rejected_with_the_reason(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("secret")
    entry = _entry(path, tmp_path)
    real_open = os.open

    def refuse(file, *args, **kwargs):  # tests run as root, which chmod cannot lock out
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = read_document(entry)
    assert isinstance(result, Rejection) and "Permission denied" in result.reason


def test_a_missing_input_folder_is_an_error_not_an_empty_run(tmp_path):
    import pytest

    with pytest.raises(NotADirectoryError, match="input folder not found"):
        scan_folder(tmp_path / "nope")


def test_a_symlink_to_a_file_outside_the_input_folder_is_refused_with_the_way_to_allow_it(tmp_path):
    inside, outside = tmp_path / "in", tmp_path / "out"
    inside.mkdir(), outside.mkdir()
    (outside / "secret.txt").write_text("Not for the warehouse.", encoding="utf-8")
    (inside / "link.txt").symlink_to(outside / "secret.txt")
    entries, rejections, _ = scan_folder(inside)
    assert entries == []
    assert rejections[0].source_file == "link.txt" and "outside the input folder" in rejections[0].reason
    assert "--allow-outside-links" in rejections[0].reason
    allowed, _, _ = scan_folder(inside, allow_outside_links=True)
    assert [e.source_file for e in allowed] == ["link.txt"]


def test_a_symlink_to_a_file_inside_the_input_folder_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("Troops left the base.", encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    entries, rejections, _ = scan_folder(tmp_path)
    assert sorted(e.source_file for e in entries) == ["a.txt", "b.txt"] and rejections == []


def test_a_file_name_that_is_not_utf8_is_ingested_under_an_escaped_name(tmp_path):
    raw = bytes(tmp_path) + b"/caf\xe9.txt"  # Latin-1 bytes in the name
    with open(raw, "wb") as fh:
        fh.write(b"Troops left the base.")
    entries, rejections, _ = scan_folder(tmp_path)
    assert rejections == [] and [e.source_file for e in entries] == ["caf\\xe9.txt"]
    entries[0].source_file.encode("utf-8")  # storable as text
    doc = read_document(entries[0])
    assert isinstance(doc, RawDocument) and doc.raw_text == "Troops left the base."


def test_a_name_that_became_a_pipe_after_the_scan_is_refused_not_waited_on(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Troops left the base.", encoding="utf-8")
    entry = _entry(path, tmp_path)
    path.unlink()
    os.mkfifo(path)
    result = read_document(entry)
    assert isinstance(result, Rejection) and "not a regular file" in result.reason


def test_utf8_with_one_invalid_byte_stays_utf8_with_a_replacement_and_says_so(tmp_path):
    text = "“We will stay,” the minister said of the troops at the base.\n"
    data = (text * 20).encode("utf-8") + b"\xe9 and more.\n"
    doc = _read(tmp_path, "a.txt", data, max_bytes=10_000)
    assert doc.raw_text.startswith("“We will stay,”") and doc.raw_text.count("\ufffd") == 1
    assert doc.encoding == "utf-8 (1 invalid byte sequence replaced)"


def test_a_latin1_file_is_still_read_as_a_legacy_encoding(tmp_path):
    doc = _read(tmp_path, "a.txt", "Les troupes françaises ont quitté la base à l'été.".encode("latin-1"))
    assert doc.raw_text == "Les troupes françaises ont quitté la base à l'été." and "cp1252" in doc.encoding


def test_a_file_of_megabytes_is_refused_by_default_with_the_option_that_lets_it_in(tmp_path):
    path = tmp_path / "one_line.txt"
    path.write_bytes(b"word " * (3 * 2**20 // 5))
    result = read_document(_entry(path, tmp_path))
    assert isinstance(result, Rejection) and "too large" in result.reason and "--max-bytes" in result.reason


def test_another_suffix_is_read_only_when_named(tmp_path):
    (tmp_path / "a.txt").write_text("Troops left the base.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Troops left the base.", encoding="utf-8")
    entries, rejections, _ = scan_folder(tmp_path)
    assert [e.source_file for e in entries] == ["a.txt"] and [r.source_file for r in rejections] == ["notes.md"]
    entries, rejections, _ = scan_folder(tmp_path, suffixes=(".txt", "md"))
    assert [e.source_file for e in entries] == ["a.txt", "notes.md"] and rejections == []


def test_hidden_files_and_folders_are_skipped_and_counted(tmp_path):
    (tmp_path / ".draft.txt").write_text("A hidden draft about troops.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("Inside a hidden folder.")
    (tmp_path / "a.txt").write_text("Visible.")
    entries, rejections, hidden = scan_folder(tmp_path)
    assert [e.source_file for e in entries] == ["a.txt"] and rejections == [] and hidden == 2
