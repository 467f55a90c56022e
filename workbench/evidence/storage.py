"""Evidence files on disk: outside ``static/``, under a random key, type checked by content and size-limited."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import filetype
from flask import current_app

# What may be uploaded, by detected content (never by the file's name): extension -> content type.
ALLOWED_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpg": "image/jpeg",
}
ALLOWED_DESCRIPTION = "PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT), PNG or JPEG"
ACCEPT_ATTRIBUTE = ".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg"


class UploadRejected(ValueError):
    """The file cannot be accepted; the message says why, in words for the person uploading."""


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    filename: str
    extension: str
    content_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def max_upload_bytes() -> int:
    return int(current_app.config["MAX_UPLOAD_BYTES"])


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def detect_type(data: bytes) -> tuple[str, str] | None:
    """(extension, content type) of an allowed file, by its content; None if not allowed or unknown."""
    kind = filetype.guess(data)
    if kind is None:
        return None
    extension = "jpg" if kind.extension in ("jpg", "jpeg") else kind.extension
    if extension not in ALLOWED_TYPES:
        return None
    return extension, ALLOWED_TYPES[extension]


def safe_filename(name: str | None, extension: str) -> str:
    """A display name safe for headers and file systems, ending in the extension of the detected type."""
    base = unicodedata.normalize("NFKD", Path((name or "").replace("\\", "/")).name)
    base = base.encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9 ._()-]+", "_", base.rsplit(".", 1)[0] if "." in base else base)
    stem = re.sub(r"\s+", " ", stem).strip(" ._") or "document"
    return f"{stem[:120]}.{extension}"


def check_upload(data: bytes, filename: str | None) -> CheckedFile:
    """Check size and content type; raises UploadRejected with a message to show."""
    limit = max_upload_bytes()
    if not data:
        raise UploadRejected("The selected file is empty")
    if len(data) > limit:
        raise UploadRejected(f"The selected file must be smaller than {_megabytes(limit)}")
    detected = detect_type(data)
    if detected is None:
        raise UploadRejected(f"The selected file must be a {ALLOWED_DESCRIPTION}")
    extension, content_type = detected
    return CheckedFile(data=data, filename=safe_filename(filename, extension), extension=extension,
                       content_type=content_type, sha256=hashlib.sha256(data).hexdigest())


def upload_folder() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "evidence"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def path_for(storage_key: str) -> Path:
    if not re.fullmatch(r"[A-Za-z0-9_-]{20,80}", storage_key):
        raise ValueError("Invalid storage key")
    return upload_folder() / storage_key


def save(data: bytes) -> str:
    """Write the bytes under a new random key and return the key."""
    key = secrets.token_urlsafe(32)
    path = path_for(key)
    with path.open("xb") as handle:
        handle.write(data)
    return key


def read(storage_key: str) -> bytes:
    return path_for(storage_key).read_bytes()


def remove(storage_key: str) -> None:
    path_for(storage_key).unlink(missing_ok=True)
