"""Kernels for the book's own executions (pre-execution, reviewers' re-runs), on local sockets.

Over IPC rather than TCP on localhost there is nothing to eavesdrop on, and the kernel has no
reason to print its plain-text-TCP warning into the build log or the reviewer's report.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jupyter_client.manager import KernelManager


@contextmanager
def ipc_kernel() -> Iterator[KernelManager]:
    """A python3 kernel manager for nbclient (``km=``); the kernel is shut down on leaving."""
    # The socket path is absolute: the kernel runs in the chapter's folder, not in ours.
    with tempfile.TemporaryDirectory(prefix="kb-kernel-") as sockets:
        kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        try:
            yield kernel
        finally:  # nbclient starts a kernel it is handed but leaves it running; its work is done
            if kernel.has_kernel:
                kernel.shutdown_kernel(now=True)
