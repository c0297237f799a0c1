"""gxlint.digest gives hashlib's SHA-256 digests (GX605's section digests and the
GitLab/SARIF fingerprints must not change with the implementation)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from gxlint.digest import sha256_hex


def test_same_digests_as_hashlib():
    for data in (b"", b"abc", "政府信息公开工作年度报告".encode("utf-8") * 1000, bytes(range(256)) * 300):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_does_not_load_openssl():
    code = "import sys, gxlint.digest; gxlint.digest.sha256_hex(b'x'); print('_hashlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
