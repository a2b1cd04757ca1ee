"""Cross-checks of the registers against the profile, the 2024 thresholds and the filing window.

The loader already refuses a link to an unknown item, recipient or system. These checks need the
whole record: the counts against the profile's volume answers, each link's declared route against
CBDF Art. 7, and the self-assessment's dates against the filing date. ``check`` and ``filing``
both run them; each problem names the file, the line and the register entry.
"""

from __future__ import annotations

import datetime as dt

from assessor.errors import Problem
from assessor.filing import rules
from assessor.model.record import Answers
from assessor.registers import Inventory, Transfer

CONTRACT_ROUTES = ("standard_contract", "certification")
PROFILE_ROUTE = {"security_assessment": "security_assessment",
                 "standard_contract": "standard_contract", "certification": "certification",
                 "exempt": "exemption"}  # a link's route -> the option of profile.xb_mechanism


def value(answers: Answers, qid: str) -> str | float | tuple[str, ...] | None:
    """Return the value of answer ``qid``, or None when it is not answered."""
    answer = answers.answers.get(qid)
    return None if answer is None else answer.value


def number(answers: Answers, qid: str) -> float | None:
    """Return answer ``qid`` when it is a number."""
    found = value(answers, qid)
    return found if isinstance(found, int | float) and not isinstance(found, bool) else None


def cross_check(answers: Answers) -> list[Problem]:
    """Return every disagreement between the registers, the profile and the thresholds."""
    inventory = answers.inventory
    if inventory is None:
        return []
    return [*counts_problems(answers, inventory), *route_problems(answers, inventory),
            *window_problems(answers, inventory)]


def counts_problems(answers: Answers, inventory: Inventory) -> list[Problem]:
    """Counts may not fall below what the profile says went abroad, nor exceed all PI held."""
    counts = inventory.counts
    if counts is None:
        return []
    found: list[Problem] = []
    pairs = (("individuals", counts.individuals, "profile.xb_pi_nonsensitive_ytd",
              "non-sensitive personal information sent abroad this year"),
             ("sensitive", counts.sensitive, "profile.xb_pi_sensitive_ytd",
              "sensitive personal information sent abroad this year"))
    for key, count, qid, what in pairs:
        profile = number(answers, qid)
        if profile is not None and count < profile:
            found.append(Problem(answers.path, f"counts.{key} ({count:,}) is below the "
                                 f"profile's {profile:,.0f} ({qid}, {what}): the register "
                                 "counts every individual, so it cannot be fewer",
                                 counts.line, "counts"))
    held = number(answers, "profile.pi_individuals")
    if held is not None and counts.individuals > held:
        found.append(Problem(answers.path, f"counts.individuals ({counts.individuals:,}) is "
                             f"more than the {held:,.0f} individuals whose personal information "
                             "is processed (profile.pi_individuals)", counts.line, "counts"))
    return found


def volumes(answers: Answers, inventory: Inventory) -> tuple[float, float, str]:
    """Return the non-sensitive and sensitive counts this year, and where they come from.

    The profile's answers count what CBDF Art. 7 counts. Without them the register's counts are
    used: everyone minus those whose sensitive information went abroad is the least the
    non-sensitive count can be, so no route is called wrong on a guess.
    """
    plain = number(answers, "profile.xb_pi_nonsensitive_ytd")
    sensitive = number(answers, "profile.xb_pi_sensitive_ytd")
    if plain is not None and sensitive is not None:
        return plain, sensitive, "the profile's answers"
    counts = inventory.counts
    if counts is None:
        return plain or 0, sensitive or 0, "the profile's answers"
    return (plain if plain is not None else counts.individuals - counts.sensitive,
            sensitive if sensitive is not None else counts.sensitive, "the register's counts")


def required_route(answers: Answers, inventory: Inventory, link: Transfer) -> str | None:
    """Return why ``link`` needs a security assessment under CBDF Art. 7, or None."""
    categories = {item.category for i in link.items if (item := inventory.item(i))}
    personal = bool(categories & {"personal", "sensitive"})
    if value(answers, "profile.ciio") == "yes" and (personal or "important" in categories):
        return (f"{rules.ART7_CIIO}: a critical information infrastructure operator needs a "
                "security assessment to provide personal information or important data abroad")
    if "important" in categories:
        return (f"{rules.ART7_IMPORTANT}: it carries important data, which needs a security "
                "assessment")
    plain, sensitive, source = volumes(answers, inventory)
    if personal and (plain >= rules.ASSESSMENT_PI or sensitive >= rules.ASSESSMENT_SENSITIVE):
        return (f"{rules.ART7_PI}: {plain:,.0f} individuals' personal information (not "
                f"sensitive) and {sensitive:,.0f} individuals' sensitive personal information "
                f"went abroad this year ({source}); from {rules.ASSESSMENT_PI:,} or "
                f"{rules.ASSESSMENT_SENSITIVE:,} respectively a security assessment is needed")
    return None


def route_problems(answers: Answers, inventory: Inventory) -> list[Problem]:
    """Each link's route must fit CBDF Art. 7 and appear among the profile's routes."""
    found: list[Problem] = []
    declared = value(answers, "profile.xb_mechanism")
    transfers_abroad = value(answers, "profile.transfers_abroad")
    if inventory.transfers and transfers_abroad == "no":
        found.append(Problem(answers.path, "the inventory lists transfer links, but the profile "
                             "says no data goes abroad (profile.transfers_abroad: no)",
                             inventory.transfers[0].line, inventory.transfers[0].id))
    for link in inventory.transfers:
        line = link.lines.get("route", link.line)
        if link.route in CONTRACT_ROUTES and (why := required_route(answers, inventory, link)):
            found.append(Problem(answers.path, f"route '{link.route}' does not fit: {why}",
                                 line, link.id))
        option = PROFILE_ROUTE[link.route]
        if isinstance(declared, tuple) and option not in declared:
            found.append(Problem(answers.path, f"route '{link.route}' is not among the routes "
                                 f"the profile declares (profile.xb_mechanism: "
                                 f"{', '.join(declared)})", line, link.id))
    return found


def window_problems(answers: Answers, inventory: Inventory) -> list[Problem]:
    """The self-assessment must end within 3 months before the filing date (the forms' note)."""
    done = inventory.self_assessment
    if done is None or done.filing is None:
        return []
    filing = dt.date.fromisoformat(done.filing)
    line = done.lines.get("filing", done.line)
    if filing < dt.date.fromisoformat(done.end):
        return [Problem(answers.path, f"the filing date {done.filing} is before the "
                        f"self-assessment ended ({done.end})", line, "self_assessment")]
    latest = rules.file_by(done.end)
    if filing > latest:
        return [Problem(answers.path, f"the self-assessment ended on {done.end}, more than "
                        f"{rules.WINDOW_MONTHS} months before the filing date {done.filing}: "
                        f"a filing must be made by {latest.isoformat()} "
                        f"({rules.WINDOW_SOURCE}); assess again or file earlier", line,
                        "self_assessment")]
    return []
