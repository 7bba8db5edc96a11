"""Demo and scale data for governance, registered with academy.directory.demo (whose seed_demo and
seed_scale find this module by its name). Each sub-domain's builders are in its own demo.py; they run in
this order because later ones use what earlier ones made (meetings use the seat holders, recruitment the
roles)."""

from __future__ import annotations

from academy.directory.demo import DEMO_BUILDERS, SCALE_BUILDERS
from governance.allocation.demo import build_allocation
from governance.ccplg.demo import build_ccplg
from governance.framework.demo import build_framework
from governance.investment.demo import build_spend
from governance.meetings.demo import build_meeting_history, build_meetings
from governance.networks.demo import build_network_communities
from governance.recruitment.demo import build_recruitment
from governance.returns.demo import build_returns
from governance.roles.demo import build_roles, build_scale_roles
from governance.standards.demo import build_standards
from governance.whoswho.demo import build_whoswho

DEMO_BUILDERS.append(("C&CPLG seats", build_ccplg))
DEMO_BUILDERS.append(("leadership roles", build_roles))
DEMO_BUILDERS.append(("C&CPLG meetings", build_meetings))
DEMO_BUILDERS.append(("C&CPLG meetings' attendance and pulses", build_meeting_history))
DEMO_BUILDERS.append(("Design Framework self-assessment", build_framework))
DEMO_BUILDERS.append(("the Academy's spend", build_spend))
DEMO_BUILDERS.append(("recruitment to leadership roles", build_recruitment))
DEMO_BUILDERS.append(("who's who entries", build_whoswho))
# The care standards register and progress returns (issue 17): after the meetings and roles they use.
DEMO_BUILDERS.append(("care standards register", build_standards))
DEMO_BUILDERS.append(("progress returns", build_returns))
DEMO_BUILDERS.append(("the allocation model", build_allocation))
# After the roles (the networks' leads) and the communities programme's own demo.
DEMO_BUILDERS.append(("clinical network communities", build_network_communities))

SCALE_BUILDERS.append(("leadership roles", build_scale_roles))
