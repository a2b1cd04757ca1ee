"""Shared helpers of the benchmarks: timing, reporting a figure against its target, and inputs.

Inputs come from the shipped examples (the one with the most answers is "the full file"), and
from answers generated over the whole catalog with fixed seeds, so every run measures the same
work. Commands run as a user runs them: a fresh process each time, with Python's bytecode cache
(kept in the work folder through PYTHONPYCACHEPREFIX, as an installed package has its .pyc files).
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCRIPT = Path(sys.executable).parent / "assessor"
ASSESSOR = [str(SCRIPT)] if SCRIPT.is_file() else [sys.executable, "-m", "assessor"]
HEAVY = ("weasyprint", "questionary", "prompt_toolkit", "jinja2", "rich", "openpyxl", "pydyf",
         "fontTools", "cffi", "tinycss2", "cssselect2", "html5lib", "PIL")

# Profile answers that bring (nearly) every control into scope: the heaviest report.
WIDE_PROFILE: dict[str, Any] = {
    "profile.presence": "in_china", "profile.sector": "ecommerce",
    "profile.pi_individuals": 25_000_000, "profile.important_data": "catalogued",
    "profile.xb_pi_nonsensitive_ytd": 2_000_000, "profile.xb_pi_sensitive_ytd": 20_000,
}
NOTES = ("Confirmed in the interview with the DPO; evidence reviewed on site.",
         "Policy approved by the board in March; roll-out to subsidiaries is under way.",
         "The vendor contract is being renegotiated; the new clauses are in draft.")
NOTES_ZH = ("已与数据保护负责人访谈确认，并现场查阅了证据。",
            "制度已于三月经董事会批准，正在向各子公司推行。",
            "供应商合同正在重新谈判，新条款尚在起草中。")


@dataclass
class Report:
    """Figures measured so far; each is printed as it comes, never judged pass/fail."""

    rows: list[tuple[str, str, str, str]] = field(default_factory=list)

    def section(self, title: str) -> None:
        """Print a heading."""
        print(f"\n== {title}", flush=True)

    def info(self, text: str) -> None:
        """Print a line of context (modules imported, pages, warnings)."""
        print(f"   {text}", flush=True)

    def figure(self, name: str, value: float, unit: str = "s", target: float | None = None,
               *, ceiling: bool = True, note: str = "") -> None:
        """Record and print one figure; ``ceiling`` says the target is a maximum, else a minimum.

        ``unit`` "x" marks a ratio.
        """
        shown = f"{value:.3f} s" if unit == "s" else f"{value:.2f}{unit}"
        goal = verdict = ""
        if target is not None:
            goal = f"{'<' if ceiling else '>='} {target:g}{' s' if unit == 's' else unit}"
            met = value < target if ceiling else value >= target
            verdict = "met" if met else "NOT met"
        self.rows.append((name, shown, goal, verdict))
        line = f"   {name:<52} {shown:>10}"
        line += f"   target {goal:<9} {verdict:<7}" if goal else " " * 28
        print(f"{line}  {note}".rstrip(), flush=True)

    def summary(self) -> None:
        """Print every figure that has a target, with whether it is met."""
        judged = [row for row in self.rows if row[2]]
        if not judged:
            return
        print("\n== Targets")
        for name, shown, goal, verdict in judged:
            print(f"   {verdict:<7} {name:<52} {shown:>10}  (target {goal})")
        met = sum(row[3] == "met" for row in judged)
        print(f"   {met} of {len(judged)} targets met", flush=True)


def prepare_environment(work: Path) -> None:
    """Run commands as an installed tool runs: with a bytecode cache (kept in ``work``)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")


def median_time(fn: Callable[[], object], repeat: int,
                clock: Callable[[], float] = time.perf_counter) -> float:
    """Return the median time of ``repeat`` calls, after one warm-up call (wall by default)."""
    fn()
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


@dataclass
class Timed:
    """A command's wall times (median and best), CPU time (all its processes), last stderr."""

    wall: float
    best: float
    cpu: float
    stderr: str


def run_command(argv: Sequence[str], *, allow: Sequence[int] = (0,)) -> str:
    """Run a command once; return its stderr, or stop the benchmark when it fails."""
    proc = subprocess.run(list(argv), capture_output=True, check=False, cwd=ROOT)
    stderr = proc.stderr.decode("utf-8", errors="replace")
    if proc.returncode not in allow:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(argv)}\n"
                         f"{stderr}")
    return stderr


def time_command(argv: Sequence[str], repeat: int = 7, *, warm: bool = True) -> Timed:
    """Return the median wall and CPU time of running ``argv``, a fresh process each time."""
    if warm:
        run_command(argv)
    walls, cpus = [], []
    stderr = ""
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        stderr = run_command(argv)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return Timed(statistics.median(walls), min(walls), statistics.median(cpus), stderr)


def imported_modules(argv: Sequence[str]) -> set[str]:
    """Return the top-level packages a Python command imports (from ``-X importtime``)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", *argv], capture_output=True,
                          text=True, check=False, cwd=ROOT)
    return {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines()
            if line.startswith("import time:")}


def heavy(modules: set[str]) -> str:
    """Name the heavy packages among ``modules``, or say there are none."""
    found = [name for name in HEAVY if name in modules]
    return ", ".join(found) if found else "none"


def page_count(pdf: Path) -> int:
    """Return the number of pages of a PDF (pypdf when installed, else pdfinfo)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        info = subprocess.run([shutil.which("pdfinfo") or "pdfinfo", str(pdf)],
                              capture_output=True, text=True, check=False).stdout
        return next((int(line.split()[-1]) for line in info.splitlines()
                     if line.startswith("Pages:")), 0)
    return len(PdfReader(pdf).pages)


def fonts(pdf: Path) -> str:
    """Describe the PDF's fonts (name, subset or not) with pdffonts, when it is installed."""
    tool = shutil.which("pdffonts")
    if tool is None:
        return "pdffonts not installed"
    lines = subprocess.run([tool, str(pdf)], capture_output=True, text=True,
                           check=False).stdout.splitlines()[2:]
    described = [f"{line.split()[0].split('+')[-1]} (subset: {line.split()[-4]})"
                 for line in lines if line.strip()]
    return "; ".join(described) or "no fonts"


def examples() -> list[Path]:
    """Return the shipped example answers files, the one with the most answers first."""
    from assessor.banks.catalog import load_catalog
    from assessor.record.answers import load

    catalog = load_catalog()
    sized = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        try:
            sized.append((len(load(path, catalog).answers), path))
        except Exception:  # noqa: BLE001, S112 - an example being edited is skipped, not fatal
            continue
    return [path for _, path in sorted(sized, key=lambda pair: -pair[0])]


def generated(catalog: Any, seed: int, lang: str = "en") -> dict[str, Any]:
    """Return the data of a complete answers file over the whole catalog (fixed by ``seed``).

    The profile is answered to bring as much as possible into scope; every applicable control
    gets a random option, and about a third a note and evidence.
    """
    from assessor.banks.scope import applicability
    from assessor.model.catalog import QuestionType

    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data, not secrets
    body: dict[str, Any] = {}
    for question in catalog.questions:
        ids = [o.id for o in question.options]
        if question.id in WIDE_PROFILE:
            body[question.id] = WIDE_PROFILE[question.id]
        elif not question.scored and ids:  # a profile fact: widen the scope
            body[question.id] = ids if question.type is QuestionType.MULTI else (
                "yes" if "yes" in ids else ids[0])
        elif question.type is QuestionType.MULTI:
            body[question.id] = rng.sample(ids, rng.randint(1, len(ids)))
        elif ids:
            body[question.id] = rng.choice(ids)
        elif question.type is QuestionType.NUMBER:
            body[question.id] = 1_000 if not question.scored else rng.choice([0, 3, 6, 12, 24])
        else:
            body[question.id] = "Described in the information security policy, section 4."
    applies = applicability(catalog, as_answers(catalog, body))
    notes = NOTES_ZH if lang == "zh" else NOTES
    answers: dict[str, Any] = {}
    for qid, value in body.items():
        if not applies.get(qid):
            continue
        if catalog.question(qid).scored and rng.random() < 0.3:
            answers[qid] = {"answer": value, "note": rng.choice(notes),
                            "evidence": [f"evidence-{rng.randint(1, 40):02d}.pdf"]}
        else:
            answers[qid] = value
    return {"format": "assessor-answers/1",
            "organisation": {"name": f"Benchmark Organisation {seed:04d}", "sector": "e-commerce"},
            "assessment": {"consultant": "B. Marker", "date": "2026-11-20", "lang": lang},
            "answers": answers}


def as_answers(catalog: Any, body: dict[str, Any]) -> dict[str, Any]:
    """Return raw values as model answers (only to decide applicability while generating)."""
    from assessor.model.record import Answer
    from assessor.record.values import parse_value

    out = {}
    for qid, value in body.items():
        question = catalog.question(qid)
        if question is not None:
            out[qid] = Answer(qid, parse_value(question, value))
    return out


def write_answers(path: Path, data: dict[str, Any]) -> Path:
    """Write an answers file as YAML (libyaml's emitter: generating 1,000 files stays quick)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True,
                              width=100), encoding="utf-8")
    return path


def full_file(folder: Path) -> Path:
    """Return the example with the most answers, or a generated full answers file."""
    found = examples()
    if found:
        return found[0]
    from assessor.banks.catalog import load_catalog

    folder.mkdir(parents=True, exist_ok=True)
    return write_answers(folder / "full.yaml", generated(load_catalog(), 1))


def many_files(folder: Path, count: int) -> list[Path]:
    """Write ``count`` distinct complete answers files: generated ones, and renamed examples."""
    from assessor.banks.catalog import load_catalog

    folder.mkdir(parents=True, exist_ok=True)
    catalog = load_catalog()
    shipped = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in examples()]
    paths = []
    for index in range(count):
        if shipped and index % 2:
            data = shipped[(index // 2) % len(shipped)]
            data["organisation"]["name"] = f"Example Client {index:04d}"
        else:
            data = generated(catalog, index + 1)
        paths.append(write_answers(folder / f"client-{index:04d}.yaml", data))
    return paths
