"""Governance test data: a role type on the rate card, and a leadership role saved as the secretariat saves one."""

from datetime import date
from decimal import Decimal

from academy.directory.models import PriorityFunction, SpatialLevel
from governance.models import FundingSource, LeadershipRole, PayBasis, RoleType
from governance.roles import services as roles_services


def role_type(name: str = "System clinical lead", annual_rate_per_wte: str = "100000") -> RoleType:
    return RoleType.objects.create(name=name, annual_rate_per_wte=Decimal(annual_rate_per_wte))


def leadership_role(
    rate: RoleType | None = None, title: str = "Frailty lead, ICS", wte: str = "0.4", holder=None, function: int = 4,
    **extra,
) -> LeadershipRole:
    """A sessional, ICB-funded ICS role from 1 April 2026 (vacant unless ``holder`` is given), through the service so
    its cost comes from the rate card: 0.4 WTE at the default £100,000 is £40,000 a year."""
    return roles_services.save_role(None, None, {
        "title": title, "function": PriorityFunction.objects.get(number=function), "spatial_level": SpatialLevel.ICS,
        "role_type": rate or role_type(), "pay_basis": PayBasis.SESSIONAL, "wte": Decimal(wte),
        "funding_source": FundingSource.ICB, "start_date": date(2026, 4, 1), "holder": holder, **extra,
    })
