"""What the annex of seed 001 ("Part 1: Infrastructure and capacity", SEL, August 2021) proposes for each
priority function: the WTE of the paid and protected roles at ICS level, in each provider collaborative and in
each Local Care Partnership. The dashboard shows it as the target where the annex sets one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

D = Decimal


@dataclass(frozen=True)
class Proposal:
    ics: Decimal = D("0")
    per_collaborative: Decimal = D("0")
    per_lcp: Decimal = D("0")
    per: str = ""  # "programme" or "network lead": the annex proposes the WTE for each, not a total
    words: str = ""

    def target(self, collaboratives: int, lcps: int, networks: int) -> Decimal | None:
        """The WTE the annex proposes in all, or None when it depends on a number of programmes the
        portal does not record (care pathway transformation)."""
        each = self.ics + self.per_collaborative * collaboratives + self.per_lcp * lcps
        if self.per == "programme":
            return None
        if self.per == "network lead":
            return each * networks
        return each


ANNEX = {
    1: Proposal(D("0.4"), D("0.2"), D("0.2"), words="0.4 ICS, 0.2 in each collaborative and LCP"),
    2: Proposal(D("0.4"), D("0.2"), D("0.2"), per="programme",
                words="For each programme: 0.4 ICS, 0.2 in each collaborative and LCP"),
    3: Proposal(D("1.0"), D("0.2"), D("0.2"), words="CMO 1.0, 0.2 in each collaborative and LCP"),
    4: Proposal(D("0.4"), D("0.2"), D("0.2"), words="0.4 ICS, 0.2 in each collaborative and LCP"),
    5: Proposal(D("1.0"), words="CNO 1.0 (further roles to be decided)"),
    6: Proposal(D("0.4"), D("0.2"), words="0.4 ICS, 0.2 in each collaborative"),
    7: Proposal(D("0.4"), D("0.2"), words="0.4 ICS, 0.2 in each collaborative"),
    8: Proposal(D("0.4"), words="0.4 ICS"),
    9: Proposal(D("0.4"), words="0.4 ICS (joint with KHP and ARC)"),
    10: Proposal(D("0.4"), per="network lead", words="0.4 for each clinical network lead"),
}
