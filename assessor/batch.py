"""Batch runs: many answers files rendered in parallel processes, with progress and a summary.

The catalog is loaded once, in the parent; worker processes receive it through their initializer
(inherited for free where processes fork, pickled once per worker elsewhere), so a batch of a
thousand files parses the question banks once per process, not once per file. One bad file never
stops the others: every failure is collected and listed at the end, and the exit status is 2.
"""

from __future__ import annotations

import gc
import os
import queue
import signal
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from assessor.banks.scope import engaged
from assessor.errors import AssessorError, InvalidFile, Problem, display_path
from assessor.render import render_file
from assessor.report import formats
from assessor.targets import check_target

if TYPE_CHECKING:
    from assessor.model.catalog import Catalog
    from assessor.report.brand import Brand



@dataclass(frozen=True, slots=True)
class Request:
    """A batch as ``assessor run`` asks for it: the files, where the reports go, how to render."""

    answers: tuple[Path, ...]
    folder: Path | None = None  # None: each report beside its answers file
    fmt: str | None = None  # None: PDF
    lang: str | None = None  # None: each file's own
    allow_incomplete: bool = False
    scope: tuple[str, ...] | None = None  # run --scope: replaces each file's own
    force: bool = False
    jobs: int = 1


@dataclass(frozen=True, slots=True)
class Job:
    """One answers file to render, and where its report goes."""

    source: Path
    target: Path
    fmt: str
    lang: str | None
    allow_incomplete: bool
    scope: tuple[str, ...] | None = None  # run --scope: replaces each file's own
    force: bool = False  # run --force: replace files of another kind too


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one job: the report written, or the problems that stopped it."""

    job: Job
    seconds: float
    organisation: str | None = None
    score: float | None = None
    rating: str | None = None
    gaps: int = 0
    problems: tuple[Problem, ...] = ()
    bug: str | None = None

    @property
    def ok(self) -> bool:
        """Return whether the report was written."""
        return not self.problems and self.bug is None


class BatchFailed(InvalidFile):
    """Some files of a batch failed (bad input); the others were written."""

    def __init__(self, problems: Sequence[Problem], failed: int, total: int) -> None:
        super().__init__(tuple(problems))
        self.failed = failed
        self.total = total

    def lines(self) -> list[str]:
        """Return every problem, then how many files failed."""
        rest = "; the others were written" if self.failed < self.total else ""
        return [*super().lines(), f"{self.failed} of {self.total} answers files failed{rest}"]


class BatchBug(BatchFailed):
    """A file of a batch hit an internal error: a bug, exit status 1."""

    exit_code: ClassVar[int] = 1


# What every job of this worker process shares, set once by start_worker: the catalog and the
# brand travel once per process, not once per file (a logo can weigh megabytes).
WORKER: dict[str, Any] = {}


def start_worker(catalog: Catalog, brand: Brand | None) -> None:
    """Keep the catalog and brand for every job this process runs; leave Ctrl-C to the parent."""
    WORKER.update(catalog=catalog, brand=brand)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def work(job: Job) -> Outcome:
    """Render one job in a worker process."""
    return render_job(job, WORKER["catalog"], WORKER["brand"])


def render_job(job: Job, catalog: Catalog, brand: Brand | None = None) -> Outcome:
    """Load, score and render one answers file; turn any failure into an Outcome, never raise."""
    from assessor.record.answers import load
    from assessor.scoring import score

    start = time.perf_counter()
    try:
        answers = load(job.source, catalog, allow_incomplete=job.allow_incomplete,
                       scope=job.scope)
        result = score(engaged(catalog, answers.assessment.scope), answers.answers)
        render_file(catalog, answers, job.source, job.target, job.fmt, job.lang, brand, result,
                    force=job.force)
    except InvalidFile as exc:
        return Outcome(job, time.perf_counter() - start, problems=exc.problems)
    except AssessorError as exc:
        problems = tuple(Problem(display_path(job.source), line) for line in exc.lines())
        return Outcome(job, time.perf_counter() - start, problems=problems)
    except Exception:  # a bug must not stop the other files; it is reported as one
        return Outcome(job, time.perf_counter() - start, bug=traceback.format_exc())
    return Outcome(job, time.perf_counter() - start, answers.organisation.name,
                   result.overall.score, result.rating, len(result.gaps))


def plan(request: Request) -> list[Job]:
    """Decide every report's path, and make the output folder, before anything is rendered.

    Raises:
        AssessorError: ``-o`` cannot be a folder or cannot be created, or two answers files
            would write the same report.
    """
    fmt = request.fmt or "pdf"
    if not formats.FORMATS[fmt].batch:
        raise AssessorError(f"--format {fmt} is written one file at a time: run the answers "
                            "files one by one")
    suffix = formats.FORMATS[fmt].suffix
    folder = request.folder
    if folder is not None:
        check_folder(folder)
    given = request.answers
    first = {source.resolve(): source for source in reversed(given)}
    sources = [source for source in given if first[source.resolve()] is source]
    jobs = [Job(source, (folder / f"{source.stem}{suffix}") if folder else
                source.with_suffix(suffix), fmt, request.lang, request.allow_incomplete,
                request.scope, request.force)
            for source in sources]  # a file named twice is rendered once
    clashes: dict[Path, list[Path]] = {}
    for job in jobs:
        clashes.setdefault(job.target.resolve(), []).append(job.source)
    repeated = [(target, names) for target, names in clashes.items() if len(names) > 1]
    if repeated:
        target, names = repeated[0]
        raise AssessorError(
            f"{', '.join(display_path(n) for n in names)} would all be written to "
            f"{display_path(target)}: give files different names, or run them separately")
    refused = []
    for job in jobs:  # before anything is rendered: a batch stops whole, not half way
        try:
            check_target(job.target, formats.FORMATS[fmt].kind, force=job.force)
        except AssessorError as exc:
            refused.append(Problem(display_path(job.source), exc.message))
    if refused:
        raise InvalidFile(refused)
    if folder is not None:
        make_folder(folder)
    return jobs


def check_folder(out: Path) -> None:
    """Refuse an ``-o`` that cannot be the folder of a batch.

    Raises:
        AssessorError: ``out`` is an existing file, or is named like a report file.
    """
    if out.is_dir():
        return
    shown = display_path(out)
    if out.exists():
        raise AssessorError(f"-o {shown}: is a file; several answers files need a folder "
                            "(it is created when missing)")
    if formats.by_suffix(out.suffix) is not None:
        raise AssessorError(f"-o {shown}: several answers files need a folder, not a "
                            f"{out.suffix} file (e.g. -o reports/)")


def make_folder(out: Path) -> None:
    """Create the output folder (and its parents) when missing.

    Raises:
        AssessorError: the folder cannot be created.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AssessorError(f"-o {display_path(out)}: cannot create the folder: "
                            f"{exc.strerror or exc}") from None


@contextmanager
def started(jobs: Sequence[Job], catalog: Catalog, brand: Brand | None,
            workers: int) -> Iterator[Iterator[Outcome]]:
    """Start the jobs; give their outcomes as they finish (here, or in worker processes).

    Whatever interrupts the batch once a worker exists (Ctrl-C above all) stops the workers
    before it propagates, so no process is left rendering. The pool starts before any progress
    display starts a thread: forking a process that runs threads is unsafe (Python 3.12 warns).
    """
    if workers <= 1:
        yield (render_job(job, catalog, brand) for job in jobs)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=start_worker,
                               initargs=(catalog, brand))
    try:
        yield collect({pool.submit(work, job): job for job in largest_first(jobs)})
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown()


def largest_first(jobs: Sequence[Job]) -> list[Job]:
    """Order jobs by answers file size, largest first, so no long report starts last.

    With a few long PDF renders, starting the longest first keeps every process busy to the end
    (the summary is in input order whatever the order of work).
    """
    def size(job: Job) -> int:
        try:
            return job.source.stat().st_size
        except OSError:
            return 0

    return sorted(jobs, key=size, reverse=True)


def collect(futures: dict[Future[Outcome], Job]) -> Iterator[Outcome]:
    """Yield each outcome as its job finishes.

    Finished futures arrive on a queue (one callback each), so a batch of n files costs O(n)
    here; ``concurrent.futures.wait`` in a loop re-arms every pending future on each call.
    """
    finished: queue.SimpleQueue[Future[Outcome]] = queue.SimpleQueue()
    for future in futures:
        future.add_done_callback(finished.put)
    remaining = len(futures)
    while remaining:
        try:  # wake up often: Ctrl-C is only noticed between waits
            future = finished.get(timeout=0.2)
        except queue.Empty:
            continue
        remaining -= 1
        try:
            yield future.result()
        except BrokenProcessPool as exc:  # a worker was killed (out of memory, a crash)
            yield Outcome(futures[future], 0.0, bug=f"the worker process stopped: {exc}")


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the worker processes at once (reports are written atomically: none is left half).

    ProcessPoolExecutor has no public way to do this before Python 3.14 (``terminate_workers``),
    and its ``shutdown`` forgets the processes, so they are taken first.
    """
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)


def job_count(requested: int, jobs: int) -> int:
    """Return how many processes to use: ``-j 0`` means one per CPU; never more than the files.

    Raises:
        AssessorError: a negative number.
    """
    if requested < 0:
        raise AssessorError(f"-j {requested}: give a number of processes (0 = one per CPU)")
    wanted = requested or os.cpu_count() or 1
    return max(1, min(wanted, jobs))


@dataclass(frozen=True, slots=True)
class Finished:
    """A batch done: every outcome in the order the files were given, and what it took."""

    outcomes: tuple[Outcome, ...]
    workers: int
    seconds: float

    @property
    def failed(self) -> list[Outcome]:
        """Return the outcomes whose report was not written."""
        return [o for o in self.outcomes if not o.ok]

    def error(self) -> BatchFailed | None:
        """Return the error a batch with failures ends in: a bug (exit 1), else bad input."""
        failed = self.failed
        if not failed:
            return None
        problems = [p for o in failed for p in o.problems]
        bugs = [o for o in failed if o.bug is not None]
        problems += [Problem(display_path(o.job.source),
                             "internal error: this is a bug; please report it (the traceback "
                             "is shown with --debug)") for o in bugs]
        error = BatchBug if bugs else BatchFailed
        return error(problems, len(failed), len(self.outcomes))


Watch = Callable[[Iterator[Outcome], int], list[Outcome]]  # (outcomes as they come, total)


def run_batch(request: Request, catalog: Catalog, brand: Brand | None = None,
              watch: Watch = lambda outcomes, _: list(outcomes)) -> Finished:
    """Render every answers file of ``request`` (with ``brand``); ``watch`` sees each finish.

    Raises:
        AssessorError: the batch cannot start (see :func:`plan`).
    """
    jobs = plan(request)
    workers = job_count(request.jobs, len(jobs))
    start = time.perf_counter()
    # The catalog outlives every job: keep the collector from walking its objects at each full
    # collection (and, in forked workers, from touching the pages they share with this process).
    gc.freeze()
    try:
        with started(jobs, catalog, brand, workers) as outcomes:
            results = watch(outcomes, len(jobs))
    finally:
        gc.unfreeze()
    by_job = {o.job: o for o in results}
    return Finished(tuple(by_job[job] for job in jobs), workers, time.perf_counter() - start)
