"""SHA-256 without loading OpenSSL.

``import hashlib`` loads OpenSSL's ``_hashlib`` (about 2 ms), which one small file's run
would pay for a digest or two (GX605's section digests, the fingerprints of the GitLab and
SARIF reports).  CPython also ships its own SHA-256 (``_sha256``, ``_sha2`` since 3.12),
which gives the same digests and loads at no cost; hashlib is the fallback where a build
has none.
"""

from __future__ import annotations

try:
    from _sha256 import sha256  # CPython up to 3.11
except ImportError:  # pragma: no cover - the module of the running Python's version
    try:
        from _sha2 import sha256  # CPython 3.12 and later
    except ImportError:
        from hashlib import sha256


def sha256_hex(data: bytes) -> str:
    """``hashlib.sha256(data).hexdigest()``."""
    return sha256(data).hexdigest()
