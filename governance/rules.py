"""Who may do what in governance (the `rules` package).

Everyone signed in may read the reference data and who sits on the C&CPLG (transparency is one of the
group's working principles). The governance secretariat (and superusers) change them; the ICS Executive
reads the change history but changes nothing.
"""

import rules
from django.utils import timezone

from academy.accounts.rules import (
    add_private_perm,
    is_evaluator,
    is_executive,
    is_governance,
    is_signed_in,
    is_superuser,
)
from governance.models import Attendance, Seat

can_manage_governance = is_superuser | is_governance
can_read_governance_records = is_superuser | is_governance | is_executive


@rules.predicate
def is_ccplg_chair(user) -> bool:
    """Holds one of the C&CPLG's co-chair seats (the CMO or the CNO): a relation, not a role."""
    return bool(user and user.is_authenticated and Seat.objects.filter(holder=user, is_co_chair=True).exists())


@rules.predicate
def attended_meeting(user, meeting) -> bool:
    return bool(
        user and user.is_authenticated and meeting is not None
        and Attendance.objects.filter(meeting=meeting, person=user).exists()
    )

rules.add_perm("governance.view_reference", is_signed_in)
rules.add_perm("governance.manage_reference", can_manage_governance)
rules.add_perm("governance.view_history", can_read_governance_records)
rules.add_perm("governance.view_ccplg", is_signed_in)
rules.add_perm("governance.manage_ccplg", can_manage_governance)
rules.add_perm("governance.view_roles", can_read_governance_records)
rules.add_perm("governance.manage_roles", can_manage_governance)
rules.add_perm("governance.view_dashboard", can_read_governance_records)
rules.add_perm("governance.view_meetings", can_read_governance_records | is_ccplg_chair)
rules.add_perm("governance.manage_meetings", can_manage_governance)
# Meetings that stay action, not update: the warnings and every member's attendance rate are for the
# secretariat and the chair (a member sees only their own rate, on My Academy); the pulse's suppressed
# results for those who read the meetings. Only a meeting's attendees answer its pulse, superusers included.
rules.add_perm("governance.view_meeting_warnings", can_manage_governance | is_ccplg_chair)
rules.add_perm("governance.view_attendance_rates", can_manage_governance | is_ccplg_chair)
rules.add_perm("governance.view_meeting_pulse", can_read_governance_records | is_ccplg_chair)
add_private_perm("governance.answer_meeting_pulse", attended_meeting)

# --- Recruitment to vacant leadership roles ---
# Anyone signed in sees open vacancies and applies; an applicant sees only their own applications (the
# views look them up by the signed-in person). The secretariat runs recruitment; the ICS Executive reads
# the list of vacancies; the pipeline's diversity, in suppressed aggregate only, is for the secretariat,
# the ICS Executive and evaluators.
rules.add_perm("governance.view_vacancies", is_signed_in)
rules.add_perm("governance.apply_to_vacancy", is_signed_in)
rules.add_perm("governance.view_recruitment", can_read_governance_records)
rules.add_perm("governance.manage_recruitment", can_manage_governance)
rules.add_perm("governance.view_recruitment_pipeline", can_read_governance_records | is_evaluator)

# The NHSEI Design Framework self-assessment: the secretariat keeps it; the ICS Executive and evaluators read it.
rules.add_perm("governance.view_framework", can_read_governance_records | is_evaluator)
rules.add_perm("governance.manage_framework", can_manage_governance)
# The Academy's spend by programme (shown on the investment dashboard).
rules.add_perm("governance.manage_spend", can_manage_governance)

# The who's who of C&CP leadership: everyone signed in reads it, and each person keeps their own entry (what they
# publish). The public version needs no permission.
rules.add_perm("governance.view_whoswho", is_signed_in)
rules.add_perm("governance.edit_own_whoswho_entry", is_signed_in)
# The talent pool: the secretariat only (the members consented to the secretariat, not to the Executive).
rules.add_perm("governance.view_talent_pool", can_manage_governance)
# The clinical networks' communities: everyone signed in sees the networks page; the secretariat opens a network's
# community and names its leads there.
rules.add_perm("governance.manage_network_communities", can_manage_governance)
# --- The care standards register and progress returns (issue 17) ---
# Everyone signed in reads approved (and retired) standards. A draft or a standard waiting for approval is
# read by the secretariat, the ICS Executive (consulted on it), its proposer and the leads of its network.
# Network leads (holders of a current leadership role for a clinical network) and the secretariat propose
# standards and change drafts; the secretariat records the consultation, the approval and retirement.


def _leads_networks(user) -> set[int]:
    if not (user and user.is_authenticated):
        return set()
    cached = getattr(user, "_led_network_ids", None)
    if cached is None:
        today = timezone.localdate()
        cached = set(
            user.leadership_roles.filter(clinical_network__isnull=False, start_date__lte=today)
            .exclude(end_date__lt=today).values_list("clinical_network_id", flat=True)
        )
        user._led_network_ids = cached
    return cached


@rules.predicate
def is_network_lead(user) -> bool:
    return bool(_leads_networks(user))


@rules.predicate
def leads_standard_network(user, standard) -> bool:
    return standard is not None and standard.network_id in _leads_networks(user)


@rules.predicate
def proposed_standard(user, standard) -> bool:
    return bool(standard is not None and user and user.is_authenticated and standard.proposed_by_id == user.pk)


@rules.predicate
def standard_is_published(user, standard) -> bool:
    return standard is not None and standard.state in {"approved", "retired"}


@rules.predicate
def standard_is_draft(user, standard) -> bool:
    return standard is not None and standard.state == "draft"


rules.add_perm("governance.view_standards", is_signed_in)
rules.add_perm(
    "governance.view_standard",
    is_signed_in & (standard_is_published | can_read_governance_records | leads_standard_network | proposed_standard),
)
rules.add_perm("governance.propose_standard", can_manage_governance | is_network_lead)
rules.add_perm(
    "governance.change_standard",
    standard_is_draft & (can_manage_governance | leads_standard_network | proposed_standard),
)
rules.add_perm("governance.view_pending_standards", can_read_governance_records)
rules.add_perm("governance.manage_standards", can_manage_governance)


@rules.predicate
def owes_return(user, progress_return) -> bool:
    if progress_return is None or not (user and user.is_authenticated):
        return False
    schedule = progress_return.schedule
    owner_id = schedule.role.holder_id if schedule.role_id else schedule.person_id
    return owner_id == user.pk


# The secretariat sets who owes returns and when; it and the ICS Executive read them; the person who owes
# a return reads and sends it. Sending is the owner's alone (superusers included: nobody sends it for them).
rules.add_perm("governance.view_returns", can_read_governance_records)
rules.add_perm("governance.manage_returns", can_manage_governance)
rules.add_perm("governance.send_returns", is_signed_in)  # their own: the views look them up by owner
rules.add_perm("governance.view_return", can_read_governance_records | owes_return)
add_private_perm("governance.submit_return", owes_return)
# The allocation model (seed 001's annex as data) and its gap analysis: the secretariat keeps the model; the
# ICS Executive reads it and the gap, as it reads the investment dashboard.
rules.add_perm("governance.view_allocation", can_read_governance_records)
rules.add_perm("governance.manage_allocation", can_manage_governance)
