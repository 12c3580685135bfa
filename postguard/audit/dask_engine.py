"""``--engine dask``: the posts checked on a ``dask.distributed`` cluster, a local one of
``--workers`` processes or an existing one at ``--scheduler``.

Each worker builds its Linter once, from the policy sent with a worker plugin (so a remote
worker needs postguard installed, not the policy's files), and keeps it for every batch.
Batches go out with a bounded number in flight and their results are taken back in order, so
the client's memory stays flat and findings.jsonl comes out as with the local engine.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from typing import Any

from postguard.audit.engines import IN_FLIGHT_PER_WORKER, Batch, Checked, Work, check_posts
from postguard.engine import Linter
from postguard.errors import PostguardError
from postguard.policy import Policy

try:
    import dask.config
    from distributed import Client, LocalCluster, get_worker
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - the message is the point
    raise PostguardError(
        '--engine dask needs dask.distributed, which is not installed: pip install "postguard[dask]"'
    ) from None

#: The plugin's name on the workers; registering it again replaces it.
PLUGIN_NAME = "postguard-linter"
#: Seconds to wait for an existing scheduler to answer.
CONNECT_TIMEOUT = 30
#: Only this machine: a local cluster is never reachable from elsewhere.
LOCAL_HOST = "127.0.0.1"
#: Dask settings for the local cluster this engine starts. Every batch is alike and independent,
#: so the scheduler has no tasks worth stealing between workers, and the statistical profiler
#: (a look at every worker's stack each 10 ms) costs CPU that the checks need on a small machine.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.scheduler.work-stealing": False,
}


@contextlib.contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """SIGINT ignored while processes are started: they keep ignoring it (an ignored signal stays
    ignored across exec, and Python then installs no KeyboardInterrupt handler)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may change a handler; an embedding app handles Ctrl-C itself
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


#: What the local cluster's scheduler and workers log to the terminal: nothing short of a crash.
#: After Ctrl-C the scheduler may close before a worker, whose next heartbeat then logs an
#: error with a traceback; a task that fails reaches the client as an exception anyway.
WORKER_LOG_LEVEL = logging.CRITICAL


@contextlib.contextmanager
def _dask_logs_quiet() -> Iterator[None]:
    """Dask's own warnings (a worker lost while shutting down after Ctrl-C, a slow event loop)
    kept off the user's terminal; errors still show."""
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


class LinterPlugin(WorkerPlugin):
    """Builds the Linter on each worker when it joins, once, and warms it."""

    name = PLUGIN_NAME

    def __init__(self, policy: Policy, lang: str | None) -> None:
        self.policy = policy
        self.lang = lang
        self.linter: Linter | None = None

    def setup(self, worker: Any) -> None:
        self.linter = Linter(self.policy).warm()


def check_batch_on_worker(work: list[Work]) -> list[Checked]:
    """Runs on a worker: the batch checked with the worker's own Linter."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, LinterPlugin) and plugin.linter is not None, "plugin not set up"
    return check_posts(plugin.linter, plugin.lang, work)


class DaskEngine:
    def __init__(self, policy: Policy, *, workers: int, lang: str | None, scheduler: str | None) -> None:
        self.policy = policy
        self.workers = max(1, workers)
        self.lang = lang
        self.scheduler = scheduler

    def run(self, batches: Iterable[Batch]) -> Generator[tuple[Batch, list[Checked]], None, None]:
        with _dask_logs_quiet():
            cluster = self._local_cluster() if self.scheduler is None else None
            try:
                client = self._connect(cluster)
                with client:
                    client.register_plugin(LinterPlugin(self.policy, self.lang))
                    in_flight = max(1, len(client.scheduler_info().get("workers", {}))) * IN_FLIGHT_PER_WORKER
                    pending: deque[tuple[Batch, Any]] = deque()
                    for batch in batches:
                        pending.append(
                            (batch, client.submit(check_batch_on_worker, batch.work(), pure=False))
                        )
                        if len(pending) >= in_flight:
                            done, future = pending.popleft()
                            yield done, future.result()
                    while pending:
                        done, future = pending.popleft()
                        yield done, future.result()
            finally:
                if cluster is not None:
                    cluster.close()

    def _local_cluster(self) -> Any:
        """A cluster of worker processes on this machine. They are started with Ctrl-C ignored, as
        the local engine's are: the terminal sends it to every process of the audit, and only
        the client is to act on it (save what is checked, shut the cluster down, say how to
        resume), not each worker with a traceback of its own."""
        with dask.config.set(LOCAL_CLUSTER_CONFIG), _ctrl_c_ignored():
            return LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                host=LOCAL_HOST,
                dashboard_address=None,
                silence_logs=WORKER_LOG_LEVEL,
            )

    def _connect(self, cluster: Any) -> Any:
        if cluster is not None:
            return Client(cluster)
        try:
            return Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise PostguardError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
