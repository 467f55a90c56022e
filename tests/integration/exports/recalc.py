"""Recalculate a workbook in LibreOffice headless (recipes.md §4): own profile per conversion, always recalculate."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice")


def recalculate(source: Path, out_dir: Path) -> Path:
    """Convert ``source`` to xlsx in ``out_dir`` (not its own folder) with a fresh profile; return the new file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        (Path(profile) / "user").mkdir()
        (Path(profile) / "user" / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
        subprocess.run([soffice() or "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--convert-to",
                        "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir), str(source)],
                       timeout=180, check=False, capture_output=True)
    result = out_dir / source.name
    assert result.exists(), "LibreOffice wrote no output"
    return result
