"""Vendored files are the files we checked: each vendor folder lists its files' SHA-256 in
``SHA256SUMS`` (``sha256sum``'s format), and a build whose copy differs stops before it starts,
naming the file; ``sha256sum -c SHA256SUMS`` in the folder checks the same by hand."""

from __future__ import annotations

import hashlib
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"
SUMS = "SHA256SUMS"


class TamperedVendorFile(RuntimeError):
    """A vendored file is not the one whose checksum we recorded."""


def verify(vendor: Path = VENDOR) -> int:
    """Check every listed file; the number checked. Raises naming the first file that differs or is missing."""
    checked = 0
    for sums in sorted(vendor.glob(f"*/{SUMS}")):
        for line in sums.read_text(encoding="utf-8").splitlines():
            expected, name = line.split(maxsplit=1)
            path = sums.parent / name.lstrip("*")
            if not path.is_file():
                raise TamperedVendorFile(f"vendored file {path} is missing ({sums} lists it)")
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
            if actual != expected:
                raise TamperedVendorFile(f"vendored file {path} does not match its checksum in {sums}: "
                                         f"expected sha256 {expected}, found {actual}; nothing was built")
            checked += 1
    return checked
