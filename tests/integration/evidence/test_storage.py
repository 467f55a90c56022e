"""Type checked by content (not name), size limit, sha256, safe names, files outside static/."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.integration.evidence import files


@pytest.mark.parametrize(("make", "extension", "content_type"), [
    (files.pdf, "pdf", "application/pdf"),
    (files.docx, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (files.xlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (files.odt, "odt", "application/vnd.oasis.opendocument.text"),
    (files.png, "png", "image/png"),
    (files.jpeg, "jpg", "image/jpeg"),
])
def test_allowed_types_are_recognised_by_content(app_context, make, extension, content_type):
    from workbench.evidence.storage import check_upload

    data = make()
    checked = check_upload(data, "whatever name.bin")
    assert (checked.extension, checked.content_type) == (extension, content_type)
    assert checked.filename == f"whatever name.{extension}"
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(("data", "name"), [
    (b"%!PS-Adobe-3.0 not a pdf at all", "report.pdf"),
    (b"<html><script>alert(1)</script></html>", "answer.pdf"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.png"),
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "certificate.docx"),
    (files.plain_zip(), "matrix.xlsx"),
    (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "picture.png"),
])
def test_other_content_is_rejected_whatever_its_name(app_context, data, name):
    from workbench.evidence.storage import UploadRejected, check_upload

    with pytest.raises(UploadRejected, match="must be a PDF"):
        check_upload(data, name)


def test_empty_and_oversized_files_are_rejected(app, app_context, monkeypatch):
    from workbench.evidence.storage import UploadRejected, check_upload

    with pytest.raises(UploadRejected, match="empty"):
        check_upload(b"", "a.pdf")
    data = files.png()
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", len(data) - 1)
    with pytest.raises(UploadRejected, match="smaller than"):
        check_upload(data, "a.png")
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", len(data))
    assert check_upload(data, "a.png").size == len(data)


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "passwd.pdf"),
    ("C:\\Users\\me\\Bid answer.docx", "Bid answer.pdf"),
    ('evil"\r\nX-Header: 1.pdf', "evil_X-Header_ 1.pdf"),
    ("Café résumé.PDF", "Cafe resume.pdf"),
    ("", "document.pdf"),
    ("....", "document.pdf"),
])
def test_filenames_are_sanitised_and_take_the_detected_extension(name, expected):
    from workbench.evidence.storage import safe_filename

    assert safe_filename(name, "pdf") == expected


def test_files_are_stored_under_random_keys_in_the_upload_folder_not_static(app, app_context):
    from workbench.config import REPO_ROOT
    from workbench.evidence import storage

    first, second = storage.save(b"one"), storage.save(b"one")
    assert first != second and len(first) >= 40
    path = storage.path_for(first)
    assert path.read_bytes() == b"one"
    assert Path(app.config["UPLOAD_FOLDER"]) in path.parents
    assert (REPO_ROOT / "static") not in path.parents
    with pytest.raises(ValueError):
        storage.path_for("../../secret")
    storage.remove(first)
    assert not path.exists()
