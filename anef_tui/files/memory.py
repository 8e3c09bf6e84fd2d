"""A file made in memory (a conversion, photos assembled into a PDF): its name and bytes.

Attached as it is (`AttachmentStore.attach` takes one in place of a path), so what the app
makes never goes through a temporary file on disk: in an encrypted data folder no
plaintext of an applicant touches the disk (issue 23).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MemoryFile:
    name: str  # the file name shown and kept (« photo.jpg »), never a path
    data: bytes = b""

    def __repr__(self) -> str:  # never the content
        return f"MemoryFile({self.name!r}, {len(self.data)} octets)"
