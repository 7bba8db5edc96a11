"""Display decisions for recruitment: what an applicant reads about where their application is, and the
questions templates ask of a vacancy, so no template compares a state string."""

from __future__ import annotations

from governance.models import ApplicationState, Vacancy, VacancyApplication, VacancyState

S = ApplicationState

# What happens next, in the applicant's words, for each state (withdrawn: nothing more to say).
NEXT_STEPS = {
    S.APPLIED: "The secretariat will score every application against the person specification after the closing "
               "date and tell you whether you are shortlisted.",
    S.SHORTLISTED: "You have been shortlisted. The secretariat will contact you about the next step.",
    S.INTERVIEWED: "You have been shortlisted. The secretariat will contact you about the next step.",
    S.APPOINTED: "You have been appointed to this role. Congratulations.",
    S.UNSUCCESSFUL: "Your application was not successful this time. Thank you for applying.",
    S.NOT_SHORTLISTED: "Your application was not successful this time. Thank you for applying.",
}
# Applicants see one grey tag with the state's name (its label).
APPLICANT_TAG_CLASS = "nhsuk-tag--grey"


class VacancyApplicationDisplay:
    """What templates ask of a vacancy application: ``{{ application.display.next_step }}``."""

    def __init__(self, application: VacancyApplication) -> None:
        self.state = application.state

    @property
    def name(self) -> str:
        return str(S(self.state).label)

    @property
    def tag_class(self) -> str:
        return APPLICANT_TAG_CLASS

    @property
    def next_step(self) -> str:
        return NEXT_STEPS.get(self.state, "")


class VacancyDisplay:
    """What templates ask of a vacancy: ``{% if vacancy.display.is_filled %}``."""

    def __init__(self, vacancy: Vacancy) -> None:
        self.state = vacancy.state

    @property
    def is_filled(self) -> bool:
        return self.state == VacancyState.APPOINTED
