"""Access codes: unambiguous characters, at least 40 bits, stored only as a keyed hash."""

from __future__ import annotations

import math
import re


def test_codes_are_long_unambiguous_and_hashed(app_context):
    from workbench.youth.codes import ALPHABET, LENGTH, code_hash, new_code

    assert LENGTH * math.log2(len(ALPHABET)) >= 40
    assert not set("0O1IL") & set(ALPHABET)
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(re.fullmatch(rf"[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}", c) for c in codes)
    code = next(iter(codes))
    assert code_hash(code) == code_hash(code.lower().replace("-", " ")) and len(code_hash(code)) == 64
    assert code.replace("-", "") not in code_hash(code).upper()
