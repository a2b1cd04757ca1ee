"""The sign-off's seal: a digest of the whole record as written, and an optional key signature.

The digest is taken over everything the answers file holds (organisation, assessment with its
summary, scope and document control, bank versions, evidence register, actions, answers and
every key of each), except the workflow state that changes without changing what a report
says (``status``, the interview's ``position``) and the seal itself (``digest``, ``signature``).
Leaving out a short fixed list, instead of naming what is covered, means a key added to the
record later is covered without anyone remembering to add it here. Who signed, in which role,
on which date and for which banks (``covers``) are inside the digest, so none can be changed
without undoing the sign-off.

An unkeyed digest only proves the file was not edited by someone who did not also recompute
it. A partner who wants a FINAL trusted by someone else signs with an SSH key: ``ssh-keygen
-Y sign`` ships with OpenSSH on every machine a consultant uses, needs no new dependency (the
house's list has no signing library), works with keys people already hold and their agents,
and lets a reader verify against an ``allowed_signers`` list of the firm's partners.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor.errors import AssessorError, display_path
from assessor.targets import scratch_file

PREFIX = "sha256:"
UNSEALED_ASSESSMENT = ("status", "position")  # workflow state: a report reads the same
UNSEALED_SIGN_OFF = ("digest", "signature")  # the seal cannot cover itself
NAMESPACE = "assessor-sign-off"  # ssh-keygen's namespace: a git or mail signature never fits
LEGACY = re.compile(r"[0-9a-f]{64}")  # the first releases hashed the answers block alone
SIGNATURE_TIMEOUT = 30  # seconds; a passphrase prompt waits on the terminal, not on us


def sealed_view(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return the record's plain data without what the seal leaves out."""
    view = dict(data)
    assessment = dict(view.get("assessment") or {})
    for key in UNSEALED_ASSESSMENT:
        assessment.pop(key, None)
    if isinstance(assessment.get("signed_off"), Mapping):
        assessment["signed_off"] = {k: v for k, v in assessment["signed_off"].items()
                                    if k not in UNSEALED_SIGN_OFF}
    view["assessment"] = assessment
    return view


def digest_of(data: Mapping[str, Any]) -> str:
    """Return the seal's digest of a record's plain data (``sha256:`` and 64 hex digits).

    The data is written as canonical JSON (sorted keys, no spaces, UTF-8), so YAML or JSON,
    key order, quoting and comments do not matter; values do.
    """
    text = json.dumps(sealed_view(data), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"), default=str)
    return PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def message(digest: str) -> bytes:
    """Return the bytes a key signs: the digest, under a line naming what it is."""
    return f"assessor sign-off of an answers file\n{digest}\n".encode()


@dataclass(frozen=True)
class KeyCheck:
    """The outcome of checking a signature: whether it is good, and the key or reason."""

    good: bool
    detail: str  # the key's fingerprint (and principal), or why the check failed


def ssh_keygen() -> str:
    """Return the path of ``ssh-keygen``.

    Raises:
        AssessorError: OpenSSH is not installed.
    """
    found = shutil.which("ssh-keygen")
    if found is None:
        raise AssessorError("signing with a key needs ssh-keygen (OpenSSH); install it, or sign "
                            "off without --key")
    return found


def sign(digest: str, key: Path) -> str:
    """Return the armored SSH signature of ``digest`` made with the private ``key``.

    Raises:
        AssessorError: no ssh-keygen, or the key cannot sign (missing, wrong passphrase).
    """
    if not key.is_file():
        raise AssessorError(f"--key {display_path(key)}: no such key file")
    try:
        done = subprocess.run(  # noqa: S603 - a fixed program; no shell parses the arguments
            [ssh_keygen(), "-q", "-Y", "sign", "-f", str(key), "-n", NAMESPACE],
            input=message(digest), capture_output=True, timeout=SIGNATURE_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise AssessorError(f"--key {display_path(key)}: ssh-keygen did not finish "
                            "signing") from None
    text = done.stdout.decode("ascii", "replace")
    if done.returncode != 0 or "BEGIN SSH SIGNATURE" not in text:
        reason = last_line(done.stderr) or "ssh-keygen refused"
        raise AssessorError(f"--key {display_path(key)}: cannot sign: {reason}")
    return text.strip() + "\n"


def last_line(raw: bytes) -> str:
    """Return the last non-empty line of a tool's output, or ''."""
    lines = [line.strip() for line in raw.decode("utf-8", "replace").splitlines()]
    return next((line for line in reversed(lines) if line), "")


def check_signature(digest: str, signature: str, allowed: Path | None = None) -> KeyCheck:
    """Check ``signature`` over ``digest``: against ``allowed`` signers, or on its own key.

    Without an ``allowed_signers`` file this proves only that the signature was made over this
    digest by the key it carries; with one, that the key is one of the firm's.
    """
    try:
        program = ssh_keygen()
    except AssessorError as exc:
        return KeyCheck(False, str(exc))
    with scratch_file(signature) as sig:
        if allowed is None:
            return run_check([program, "-Y", "check-novalidate", "-n", NAMESPACE, "-s",
                              str(sig)], digest)
        found = subprocess.run(  # noqa: S603 - a fixed program, no shell
            [program, "-Y", "find-principals", "-s", str(sig), "-f", str(allowed)],
            capture_output=True, timeout=SIGNATURE_TIMEOUT, check=False)
        principals = done_lines(found.stdout) if found.returncode == 0 else []
        if not principals:
            return KeyCheck(False, f"the key that signed is not in {display_path(allowed)}")
        return run_check([program, "-Y", "verify", "-f", str(allowed), "-I", principals[0],
                          "-n", NAMESPACE, "-s", str(sig)], digest)


def done_lines(raw: bytes) -> list[str]:
    """Return the non-empty lines of a tool's output."""
    return [line.strip() for line in raw.decode("utf-8", "replace").splitlines() if line.strip()]


GOOD = re.compile(r'Good "[^"]*" signature (?:for (?P<who>.+?) )?with (?P<key>.+)$')


def run_check(command: list[str], digest: str) -> KeyCheck:
    """Run one ssh-keygen check over the signed message; return its outcome."""
    try:
        done = subprocess.run(command,  # noqa: S603 - ssh-keygen, no shell
                              input=message(digest), capture_output=True,
                              timeout=SIGNATURE_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return KeyCheck(False, f"ssh-keygen could not check the signature ({exc})")
    said = done_lines(done.stdout) + done_lines(done.stderr)
    good = next((m for line in said if (m := GOOD.search(line))), None)
    if done.returncode != 0 or good is None:
        return KeyCheck(False, "the signature does not match the record")
    who = f" of {good['who']}" if good["who"] else ""
    return KeyCheck(True, f"{good['key']}{who}")
