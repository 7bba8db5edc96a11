"""What kind of message each email is, and whether a person may choose how they get it.

Every email template under ``notifications/email/`` belongs to exactly one kind here
(``tests/academy/notifications/test_kinds.py`` fails for a template that is not classified). A kind is
either *essential* (a message a person must get: an offer with a deadline, a decision about their
application or bid, a request to support a colleague's time, a funding obligation) and is always emailed,
or *choosable*: the person picks email now, a daily digest, or the inbox only, and every such email
carries a one-click unsubscribe link.

The names are strings, not imports: the foundation does not import the apps whose templates it lists.
A template nobody has classified yet is treated as essential, so it is still emailed as before.

allauth's own emails (sign-in codes, password resets, confirming an email address, changes to
two-factor authentication) are account and security messages: always sent, straight away, by allauth
itself, and kept out of the inbox because they carry codes and links that must not be stored.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str
    hint: str
    essential: bool
    templates: tuple[str, ...]
    choosable: bool = True

    @property
    def unsubscribable(self) -> bool:
        return not self.essential


KINDS: tuple[Kind, ...] = (
    # --- essential: always emailed -------------------------------------------------------------------
    Kind(
        "applications",
        "Your applications and places",
        "We received your application, you are offered a place (with the date the offer ends), your place is "
        "confirmed, your line manager or sponsor answered, your certificate is ready.",
        essential=True,
        choosable=False,
        templates=(
            "application_received",
            "place_offered",
            "offer_expiring",
            "place_confirmed",
            "line_manager_approved",
            "line_manager_declined",
            "certificate_issued",
        ),
    ),
    Kind(
        "line_manager",
        "Requests to support a colleague's time",
        "A colleague asks you, as their line manager or sponsor, to support their time on a programme.",
        essential=True,
        choosable=False,
        templates=("line_manager_request", "line_manager_reminder", "network_supporter_request",
                   "shadowing_agreement_manager", "shadowing_visit_changed_manager",
                   "shadowing_placement_cancelled_manager"),
    ),
    Kind(
        "challenge_fund",
        "Your Challenge Fund bids and funding",
        "Your bid is submitted, you are invited to be a co-applicant (or a colleague declined), the decision on "
        "your bid, a progress report that is overdue.",
        essential=True,
        choosable=False,
        templates=(
            "cf_bid_submitted", "cf_coapplicant_invited", "cf_coapplicant_declined", "cf_outbox", "cf_report_overdue",
        ),
    ),
    Kind(
        "conference",
        "Your conference proposals and registration",
        "Your proposal to the conference is submitted, a colleague invites you to co-speak, the decision on your "
        "proposal, a reminder to confirm your accepted session or to answer an invitation to co-speak; for the "
        "conference team, a speaker who withdraws an accepted session; your conference registration is confirmed, "
        "awaiting approval, approved or declined, or a place comes free for you from the waiting list (of a ticket "
        "type or a workshop); your "
        "session is placed or moved in a released schedule (with its calendar file).",
        essential=True,
        choosable=False,
        templates=("conf_proposal_submitted", "conf_co_speaker_invited", "conf_decision", "conf_confirm_reminder",
                   "conf_speaker_withdrew", "conf_registration_confirmed", "conf_registration_awaiting",
                   "conf_registration_approved", "conf_registration_declined", "conf_registration_place",
                   "conf_co_speaker_reminder", "conf_schedule_changed", "conf_workshop_place"),
    ),
    Kind(
        "shadowing",
        "Your shadowing placements",
        "You are matched with a shadowing placement, someone is matched to shadow you, a visit is coming up or "
        "changes, a placement is cancelled, the three-month follow-up, or a reminder of something waiting for you.",
        essential=True,
        choosable=False,
        templates=("shadowing_proposed_shadow", "shadowing_proposed_host", "shadowing_visit_reminder",
                   "shadowing_visit_changed", "shadowing_follow_up", "shadowing_chase",
                   "shadowing_placement_cancelled"),
    ),
    Kind(
        "network",
        "Your membership of the managed network, your Big Room places, your mentoring and your coaching",
        "The decision on your application to a network intake, a place at a Big Room coming up from the waiting list, "
        "being matched for mentoring, your mentoring check-ins and the end of your mentoring, "
        "a request for you to coach, your coaching starting or ending, another coach being found for you, an "
        "invitation to give feedback on a Big Room you came to; for the coaching lead, a coaching request left "
        "waiting for a coach.",
        essential=True,
        choosable=False,
        templates=("network_membership_decided", "network_place_from_waiting_list", "network_mentoring_matched",
                   "network_mentoring_ended", "network_mentoring_checkin", "network_coaching_offered",
                   "network_coaching_started", "network_coaching_declined", "network_coaching_ended",
                   "network_coaching_finding_another", "network_coaching_waiting",
                   "network_event_feedback"),
    ),
    Kind(
        "your_data",
        "Your data",
        "The copy of your data you asked for is ready to download.",
        essential=True,
        choosable=False,
        templates=("my_data_ready",),
    ),
    Kind(
        "recruitment",
        "Your applications for leadership roles",
        "The outcome of your application for a clinical and care professional leadership role.",
        essential=True,
        choosable=False,
        templates=("vacancy_unsuccessful",),
    ),
    # --- choosable -------------------------------------------------------------------------------------
    Kind(
        "reminders",
        "Reminders",
        "Sessions coming up, reflections to write, an application you have not sent, completing your profile, "
        "C&CPLG actions, seat terms, Design Framework reviews and progress returns to the C&CPLG coming due.",
        essential=False,
        templates=(
            "session_reminder",
            "reflection_prompt",
            "application_deadline",
            "profile_reminder",
            "ccplg_action_due",
            "seat_term_ending",
            "seat_term_ending_secretariat",
            "framework_review_due",
            "progress_return_due",
        ),
    ),
    Kind(
        "programme_news",
        "Programme news",
        "Messages from a programme team to everyone with a place on your cohort.",
        essential=False,
        templates=("cohort_message",),
    ),
    Kind(
        "replies",
        "Replies in learning logs",
        "Someone answered a reflection in your learning log, or a participant answered you in theirs.",
        essential=False,
        templates=("reflection_reply", "reflection_author_reply"),
    ),
    Kind(
        "reviews",
        "Work to review",
        "Applications ready for the panel to score, and Challenge Fund bids assigned to you to review.",
        essential=False,
        templates=("review_ready", "cf_review_assigned"),
    ),
    Kind(
        "evaluation",
        "Evaluation questionnaires",
        "A short questionnaire about a programme you took part in, with up to two reminders.",
        essential=False,
        templates=("survey_invitation", "survey_reminder_first", "survey_reminder_second"),
    ),
    Kind(
        "line_manager_evaluation",
        "Questionnaires about a colleague's programme",
        "As a line manager, a short questionnaire about what has changed in a colleague's work after a programme.",
        essential=True,
        choosable=False,
        templates=("survey_lm_invitation", "survey_lm_reminder_first", "survey_lm_reminder_second"),
    ),
    Kind(
        "pulses",
        "Questions after meetings",
        "A short anonymous pulse after a C&CPLG meeting you attended: were all voices heard?",
        essential=False,
        templates=("meeting_pulse",),
    ),
    Kind(
        "summaries",
        "Monthly summaries",
        "The monthly summary of investment in clinical and care professional system leadership.",
        essential=False,
        templates=("investment_summary",),
    ),
    Kind(
        "communities",
        "Your communities",
        "Someone mentions you or replies in a discussion you follow, asks to join or reports a post in a community "
        "you lead, a lead answers your request to join, your idea in an idea challenge gets its official "
        "answer, you are named a community's lead, or you are added to a task-and-finish group.",
        essential=False,
        templates=(
            "community_mention", "community_reply", "community_join_request", "community_request_decided",
            "community_post_reported", "community_idea_answered", "community_lead_named",
            "community_group_member_added",
        ),
    ),
    Kind(
        "vacancy_alerts",
        "Leadership vacancies that match you",
        "A leadership role opens in one of the priority functions and places you chose in the managed network's "
        "talent pool (only if you asked for vacancy alerts there).",
        essential=False,
        templates=("talent_vacancy_alert",),
    ),
    Kind(
        "community_digest",
        "The weekly community digest",
        "One email a week with what is new in your communities and the discussions you follow.",
        essential=False,
        templates=("community_digest",),
    ),
    # The daily digest itself: not chosen (it exists because a person chose it), but it can be stopped.
    Kind(
        "daily_digest",
        "The daily digest",
        "One email a day with the messages you chose to get that way.",
        essential=False,
        choosable=False,
        templates=("daily_digest",),
    ),
)

ESSENTIAL_UNCLASSIFIED = Kind("other", "Other messages", "", essential=True, choosable=False, templates=())

BY_SLUG: dict[str, Kind] = {kind.slug: kind for kind in KINDS}
BY_TEMPLATE: dict[str, Kind] = {template: kind for kind in KINDS for template in kind.templates}


def kind_of(template: str) -> Kind:
    """The kind of an email template; a template nobody classified yet is essential (always emailed)."""
    return BY_TEMPLATE.get(template, ESSENTIAL_UNCLASSIFIED)


def choosable() -> list[Kind]:
    return [kind for kind in KINDS if kind.choosable]


def essential() -> list[Kind]:
    return [kind for kind in KINDS if kind.essential]
