"""FINAL means signed: every way the security review forged a final report now gives a draft.

The review (security-review-2026-12.md, defects 1 and 2, cases D04-D11) made a report read
FINAL with no sign-off, a deleted digest, an incomplete file, another scope, and after editing
the organisation, summary, scope, date or signer. Each case below fails on the release it
reviewed; ``assessor verify`` and the report's record page say why.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from assessor.files import load_data, plain
from assessor.model.catalog import Catalog
from assessor.model.record import Status
from assessor.record import seal
from assessor.record.answers import load

from .conftest import MINI, Run, example_file, read_yaml, write, yaml_text
from .test_signoff import CLEAN, OPTIONS, SIGN


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", CLEAN)
    return tmp_path


def data(folder: Path, name: str = "a.yaml") -> dict[str, object]:
    loaded = read_yaml((folder / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def dump(folder: Path, value: dict[str, object], name: str = "a.yaml") -> None:
    write(folder / name, yaml_text(value, sort_keys=False, allow_unicode=True))


def review(run: Run, folder: Path, *extra: str) -> dict[str, object]:
    status, _, err = run("run", "a.yaml", "-o", "r.json", "--force", *extra, *OPTIONS)
    assert status == 0, err
    result = json.loads((folder / "r.json").read_text(encoding="utf-8"))["review"]
    assert isinstance(result, dict)
    return result


def assert_draft(run: Run, folder: Path, code: str, *extra: str) -> None:
    """The report says draft, the seal names the case, check warns and verify refuses."""
    seen = review(run, folder, *extra)
    assert seen["draft"] is True
    assert seen["status"] == "draft"
    assert seen["seal"]["code"] == code  # type: ignore[index]
    if not extra:
        status, _, err = run("check", "a.yaml", "--allow-incomplete", *OPTIONS)
        assert status == 0
        assert "assessor: warning: a.yaml: not final: " in err
        status, out, err = run("verify", "a.yaml", *OPTIONS)
        assert (status, out) == (2, "")
        assert err.startswith("assessor: error: a.yaml: the sign-off does not hold: ")


def test_a_signed_off_file_is_final_and_verify_says_it_holds(run: Run, folder: Path) -> None:
    assert run(*SIGN)[0] == 0
    seen = review(run, folder)
    assert (seen["status"], seen["draft"]) == ("final", False)
    assert seen["seal"] == {"holds": True, "code": "holds", "reason": (
        "signed off by P. Partner (Partner) on 2026-12-10, covering profile, bank")}
    status, out, err = run("verify", "a.yaml", *OPTIONS)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == ("a.yaml: the sign-off holds: signed off by P. Partner (Partner) on "
                        "2026-12-10, covering profile, bank")
    assert lines[1].startswith("digest sha256:")
    assert lines[2].startswith("not signed with a key")


def test_d05_a_hand_made_final_without_a_digest_is_a_draft(run: Run, folder: Path) -> None:
    write(folder / "a.yaml", CLEAN.replace(
        "date: 2026-11-20}", "date: 2026-11-20, status: final, signed_off: {by: X, "
                             "date: 2026-10-01}}"))
    assert_draft(run, folder, "no_digest")
    err = run("check", "a.yaml", *OPTIONS)[2]
    assert ("not final: the sign-off by X on 2026-10-01 has no digest: it was not recorded by "
            "`assessor sign-off`, or its digest was removed") in err


def test_d04_a_changed_answer_with_its_digest_deleted_is_a_draft(run: Run,
                                                                folder: Path) -> None:
    assert run(*SIGN)[0] == 0
    value = data(folder)
    value["answers"]["bank.ops.logs"]["answer"] = 1  # type: ignore[index]
    del value["assessment"]["signed_off"]["digest"]  # type: ignore[index]
    dump(folder, value)
    assert_draft(run, folder, "no_digest")


def test_d06_an_incomplete_file_hand_marked_final_is_a_draft(run: Run, folder: Path,
                                                            mini: Catalog) -> None:
    write(folder / "a.yaml", CLEAN.replace("  bank.big.elements: {answer: [a], note: B is "
                                           "missing.}\n", "").replace(
        "date: 2026-11-20}", "date: 2026-11-20, status: final, signed_off: {by: X, "
                             "date: 2026-10-01}}"))
    assert_draft(run, folder, "no_digest", "--allow-incomplete")
    # A forger who recomputes the unkeyed digest still gets a draft: the file is incomplete.
    value = data(folder)
    value["versions"] = {"profile": "1", "bank": "1.0"}
    value["assessment"]["signed_off"]["covers"] = ["profile", "bank"]  # type: ignore[index]
    answers = load(folder / "a.yaml", mini, allow_incomplete=True)
    from assessor.record.writing import record_data

    assert answers is not None
    forged = dict(value)
    dump(folder, forged)
    value["assessment"]["signed_off"]["digest"] = seal.digest_of(  # type: ignore[index]
        record_data(load(folder / "a.yaml", mini, allow_incomplete=True)))
    dump(folder, value)
    seen = review(run, folder, "--allow-incomplete")
    assert seen["draft"] is True
    assert seen["seal"] == {"holds": False, "code": "incomplete", "reason": (
        "1 applicable question is unanswered (first: bank.big.elements)")}


def test_d07_another_scope_gives_a_draft(run: Run, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    example_file(run, "a.yaml")
    value = data(tmp_path)
    assessment = value["assessment"]
    assert isinstance(assessment, dict)
    scope = assessment.get("scope")
    assert run("sign-off", "a.yaml", "--by", "P. Partner", "--date", "2026-12-10",
               "--accept-warnings")[0] == 0
    status, _, err = run("run", "a.yaml", "-o", "r.json")
    assert status == 0, err
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["review"]["draft"] \
        is False
    other = "gdsi" if scope != ["gdsi"] else "pipl"
    status, _, err = run("run", "a.yaml", "-o", "r.json", "--force", "--scope", other,
                         "--allow-incomplete")
    assert status == 0
    seen = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["review"]
    assert seen["draft"] is True
    assert seen["seal"]["code"] == "scope"
    assert "the report is marked DRAFT: the report would cover" in err


EDITS = {
    "organisation name (D08)": lambda v: v["organisation"].update(name="Other Co"),
    "summary (D09)": lambda v: v["assessment"].update(summary="All is well."),
    "scope (D10)": lambda v: v["assessment"].update(scope=["bank"]),
    "date (D10)": lambda v: v["assessment"].update(date="2027-06-30"),
    "signer (D11)": lambda v: v["assessment"]["signed_off"].update(by="M. Allory"),
    "sign-off date": lambda v: v["assessment"]["signed_off"].update(date="2027-01-01"),
    "covers": lambda v: v["assessment"]["signed_off"].update(covers=["profile"]),
    "consultant": lambda v: v["assessment"].update(consultant="Someone Else"),
    "bank versions": lambda v: v["versions"].update(bank="0.9"),
    "evidence register": lambda v: v["evidence"]["E-1"].update(status="rejected"),
    "actions": lambda v: v.update(actions={"bank.ops.plan": {"status": "done"}}),
    "finding": lambda v: v["answers"]["bank.ops.plan"].update(finding="Fine."),
    "severity override": lambda v: v["answers"]["bank.ops.plan"].update(
        severity={"level": "low", "justification": "said so"}),
    "note": lambda v: v["answers"]["bank.ops.plan"].update(note="Everything."),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_d08_d11_any_edit_of_what_a_report_prints_undoes_the_sign_off(
        run: Run, folder: Path, edit: str) -> None:
    assert run(*SIGN)[0] == 0
    value = data(folder)
    EDITS[edit](value)
    dump(folder, value)
    assert_draft(run, folder, "changed")


def test_status_position_and_layout_leave_the_sign_off_holding(run: Run, folder: Path,
                                                              mini: Catalog) -> None:
    assert run(*SIGN)[0] == 0
    value = data(folder)
    value["assessment"]["position"] = "bank.ops.plan"  # type: ignore[index]
    write(folder / "a.yaml", "# a comment\n" + json.dumps(value, indent=4))  # reformatted
    assert load(folder / "a.yaml", mini).assessment.status is Status.FINAL
    assert run("verify", "a.yaml", *OPTIONS)[0] == 0


def test_a_digest_of_an_earlier_release_no_longer_holds(run: Run, folder: Path) -> None:
    assert run(*SIGN)[0] == 0
    value = data(folder)
    value["assessment"]["signed_off"]["digest"] = "0" * 64  # type: ignore[index]
    dump(folder, value)
    assert_draft(run, folder, "legacy")


def test_a_changed_bank_version_gives_a_draft(run: Run, folder: Path,
                                              tmp_path: Path) -> None:
    assert run(*SIGN)[0] == 0
    bank = tmp_path / "banks"
    shutil.copytree(MINI, bank)
    text = (bank / "bank.yaml").read_text(encoding="utf-8")
    write(bank / "bank.yaml", text.replace('version: "1.0"', 'version: "2.0"', 1))
    status, _, err = run("run", "a.yaml", "-o", "r.json", "--questionnaires", bank,
                         "--no-builtin")
    assert status == 0
    seen = json.loads((folder / "r.json").read_text(encoding="utf-8"))["review"]
    assert seen["seal"]["code"] == "version"
    assert "the bank questionnaire is now version 2.0; the sign-off is for 1.0" in err


def test_the_record_page_says_whether_the_sign_off_holds(run: Run, folder: Path) -> None:
    assert run(*SIGN)[0] == 0
    assert run("run", "a.yaml", "-o", "final.html", *OPTIONS)[0] == 0
    html = (folder / "final.html").read_text(encoding="utf-8")
    assert "<th>Sign-off seal</th><td>Holds: the record and bank versions match" in html
    digest = data(folder)["assessment"]["signed_off"]["digest"]  # type: ignore[index]
    assert f'<td class="digest">{digest}</td>' in html.replace("<wbr>", "")
    value = data(folder)
    value["organisation"]["name"] = "Other Co"  # type: ignore[index]
    dump(folder, value)
    for lang in ("en", "zh"):
        assert run("run", "a.yaml", "-o", f"draft-{lang}.html", "--lang", lang, *OPTIONS)[0] == 0
    html = (folder / "draft-en.html").read_text(encoding="utf-8")
    assert "Does not hold: the record changed after the sign-off" in html
    assert "DRAFT" in html
    assert "不成立：签核后记录有改动" in (folder / "draft-zh.html").read_text(encoding="utf-8")


def test_writing_a_changed_final_file_writes_a_draft(run: Run, folder: Path,
                                                     mini: Catalog) -> None:
    from dataclasses import replace

    from assessor.model.record import Organisation
    from assessor.record.answers import save

    assert run(*SIGN)[0] == 0
    answers = load(folder / "a.yaml", mini)
    save(folder / "a.yaml", replace(answers, organisation=Organisation("Other Co")), mini)
    assert data(folder)["assessment"]["status"] == "draft"  # type: ignore[index]
    save(folder / "a.yaml", answers, mini)  # written back unchanged: it holds again
    assert data(folder)["assessment"]["status"] == "final"  # type: ignore[index]


def test_a_signed_off_file_fits_the_answers_schema(run: Run, folder: Path) -> None:
    from .test_schemas import messages, validator

    assert run(*SIGN)[0] == 0
    assert messages(validator("answers"), plain(load_data(folder / "a.yaml"))) == []


# ---- signing with an SSH key -----------------------------------------------------------------

def needs_ssh(test: Any) -> Any:
    """Mark a test that runs ssh-keygen: slow (it starts processes), skipped without it."""
    return pytest.mark.slow(pytest.mark.skipif(shutil.which("ssh-keygen") is None,
                                               reason="no ssh-keygen")(test))


def keypair(folder: Path, name: str) -> Path:
    key = folder / name
    program = shutil.which("ssh-keygen") or "ssh-keygen"
    subprocess.run([program, "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)],
                   check=True)
    return key


@needs_ssh
@pytest.mark.slow  # ssh-keygen
def test_a_key_signed_sign_off_verifies_against_the_firms_keys(run: Run, folder: Path) -> None:
    key = keypair(folder, "partner")
    assert run(*SIGN, "--key", key)[0] == 0
    signature = data(folder)["assessment"]["signed_off"]["signature"]  # type: ignore[index]
    assert signature.startswith("-----BEGIN SSH SIGNATURE-----")
    allowed = write(folder / "allowed", "p.partner@firm.example " +
                    (folder / "partner.pub").read_text(encoding="utf-8"))
    status, out, err = run("verify", "a.yaml", "--allowed-signers", allowed, *OPTIONS)
    assert (status, err) == (0, "")
    assert "signed with ED25519 key SHA256:" in out
    assert "of p.partner@firm.example, listed in allowed" in out
    assert review(run, folder)["draft"] is False
    stranger = keypair(folder, "stranger")
    write(folder / "others", "m@x " + (folder / "stranger.pub").read_text(encoding="utf-8"))
    status, _, err = run("verify", "a.yaml", "--allowed-signers", "others", *OPTIONS)
    assert status == 2
    assert err == ("assessor: error: a.yaml: the key signature does not hold: the key that "
                   "signed is not in others\n")
    assert stranger.exists()


@needs_ssh
@pytest.mark.slow  # ssh-keygen
def test_a_forger_who_recomputes_the_digest_cannot_keep_the_signature(
        run: Run, folder: Path, mini: Catalog) -> None:
    from assessor.record.writing import record_data

    key = keypair(folder, "partner")
    assert run(*SIGN, "--key", key)[0] == 0
    value = data(folder)
    value["organisation"]["name"] = "Other Co"  # type: ignore[index]
    dump(folder, value)
    forged = load(folder / "a.yaml", mini)
    value["assessment"]["signed_off"]["digest"] = seal.digest_of(  # type: ignore[index]
        record_data(forged))
    value["assessment"]["status"] = "final"  # type: ignore[index]
    dump(folder, value)
    assert_draft(run, folder, "signature")


@needs_ssh
def test_an_unsigned_sign_off_is_refused_by_verify_with_allowed_signers(run: Run,
                                                                        folder: Path) -> None:
    assert run(*SIGN)[0] == 0
    write(folder / "allowed", "")
    status, _, err = run("verify", "a.yaml", "--allowed-signers", "allowed", *OPTIONS)
    assert status == 2
    assert "is not signed with a key, so it cannot be checked against allowed" in err


@pytest.mark.usefixtures("folder")
def test_verify_an_unsigned_file(run: Run) -> None:
    assert run("verify", "a.yaml", *OPTIONS) == (
        2, "", "assessor: error: a.yaml: not signed off: every report from it is a draft\n")


def test_a_missing_key_is_refused_and_nothing_is_written(run: Run, folder: Path) -> None:
    status, _, err = run(*SIGN, "--key", "nokey")
    assert (status, err) == (2, "assessor: error: --key nokey: no such key file\n")
    assert (folder / "a.yaml").read_text(encoding="utf-8") == CLEAN
