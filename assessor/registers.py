"""The registers the filings need: data items, recipients, systems, transfers and counts.

A gap report can be written from answers alone; the CAC's self-assessment report and the PIPIA
cannot: they list each data item, each overseas recipient, each system and each transfer link.
These plain values hold those facts (read by ``record.inventory``, written by the filings).
Texts are a :class:`~assessor.bilingual.Text`: a plain string has an empty ``zh`` and reads the same
in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assessor.bilingual import Text

CATEGORIES = ("personal", "sensitive", "important", "other")
LOCATIONS = ("CN", "abroad")
SYSTEM_KINDS = ("system", "data_centre", "cloud")
ROUTES = ("security_assessment", "standard_contract", "certification", "exempt")
PENALTY_STATUSES = ("closed", "open")


@dataclass(frozen=True, slots=True)
class DataItem:
    """One item of data sent abroad in one scenario (a row of the form's data-item table)."""

    id: str
    scenario: str
    name: Text
    category: str
    description: Text | None = None
    necessity: Text | None = None
    example: Text | None = None
    remark: Text | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Recipient:
    """An overseas recipient and what it does with the data."""

    id: str
    name: Text
    country: str
    role: Text | None = None
    purpose: Text | None = None
    method: Text | None = None
    measures: Text | None = None
    onward: Text | None = None
    contract: Text | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class System:
    """A system, data centre or cloud service that holds the data, in China or abroad."""

    id: str
    name: Text
    location: str
    kind: str = "system"
    provider: Text | None = None
    place: Text | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Transfer:
    """A transfer link: which items go from which system to which recipient, and on what route.

    ``stored_in`` names the system abroad where the data is kept after the transfer.
    """

    id: str
    scenario: str
    items: tuple[str, ...]
    source: str
    recipient: str
    route: str
    stored_in: str | None = None
    method: Text | None = None
    endpoints: tuple[str, ...] = ()
    frequency: Text | None = None
    retention: Text | None = None
    exemption: str | None = None
    line: int | None = None
    lines: dict[str, int] = field(default_factory=dict)  # key -> line, for cross-check messages


@dataclass(frozen=True, slots=True)
class Counts:
    """Individuals (de-duplicated) whose personal information went abroad this year, and ahead."""

    year: int
    individuals: int
    sensitive: int = 0
    forecast: tuple[int, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class SecurityBody:
    """The data-security (or personal-information protection) body and who leads it."""

    name: Text
    head: Text | None = None
    members: Text | None = None
    duties: Text | None = None


@dataclass(frozen=True, slots=True)
class Penalty:
    """An administrative penalty or regulator's order to remediate, and what was done."""

    date: str
    authority: Text
    matter: Text
    remediation: Text | None = None
    status: str = "closed"
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ThirdParty:
    """An outside firm that took part in the self-assessment (the forms ask for it)."""

    name: Text
    profile: Text | None = None
    role: Text | None = None


@dataclass(frozen=True, slots=True)
class SelfAssessment:
    """Who did the self-assessment, how, and when; ``filing`` is the planned filing date."""

    start: str
    end: str
    team: Text | None = None
    method: Text | None = None
    third_party: ThirdParty | None = None
    filing: str | None = None
    line: int | None = None
    lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Inventory:
    """The ``inventory:`` block of an answers file; every part is optional."""

    data_items: tuple[DataItem, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    systems: tuple[System, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    counts: Counts | None = None
    business: Text | None = None
    security_body: SecurityBody | None = None
    penalties: tuple[Penalty, ...] = ()
    self_assessment: SelfAssessment | None = None
    line: int | None = None

    def item(self, item_id: str) -> DataItem | None:
        """Return the data item with ``item_id``."""
        return next((i for i in self.data_items if i.id == item_id), None)

    def recipient(self, recipient_id: str) -> Recipient | None:
        """Return the recipient with ``recipient_id``."""
        return next((r for r in self.recipients if r.id == recipient_id), None)

    def system(self, system_id: str) -> System | None:
        """Return the system with ``system_id``."""
        return next((s for s in self.systems if s.id == system_id), None)


@dataclass(frozen=True, slots=True)
class Shareholder:
    """One shareholder and its share, as the filings' basic information asks."""

    name: Text
    share: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Ownership:
    """Shareholding, actual controller and investments (``organisation.ownership``)."""

    shareholders: tuple[Shareholder, ...] = ()
    controller: Text | None = None
    investments: Text | None = None
