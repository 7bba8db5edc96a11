"""Display decisions for questionnaires: state names and tags, dates in the NHS.UK style, and rows."""

from __future__ import annotations

from academy.ui.formats import nhs_date
from evaluation.surveys.models import LIKERT_LABELS, Audience, ItemKind, VersionState, WaveKind

STATE_TAGS = {
    VersionState.DRAFT: " nhsuk-tag--grey",
    VersionState.LIVE: " nhsuk-tag--green",
    VersionState.RETIRED: " nhsuk-tag--white",
}


def date(value) -> str:
    return nhs_date(value)


def is_draft(version) -> bool:
    return version.state == VersionState.DRAFT


def version_display(version) -> dict:
    return {
        "state": version.get_state_display(),
        "tag_class": STATE_TAGS[version.state],
        "is_draft": version.state == VersionState.DRAFT,
        "is_live": version.state == VersionState.LIVE,
        "has_draft": any(v.state == VersionState.DRAFT for v in getattr(version, "siblings", [])),
        "published": nhs_date(version.published_at) if version.published_at else "",
    }


def instrument_row(instrument) -> dict:
    versions = list(instrument.versions.all())
    return {
        "instrument": instrument,
        "versions": [
            {"version": v, "state": v.get_state_display(), "tag_class": STATE_TAGS[v.state], "items": v.item_count}
            for v in versions
        ],
        "may_make_version": versions and not any(v.state == VersionState.DRAFT for v in versions),
    }


def item_row(item) -> dict:
    if item.kind == ItemKind.LIKERT:
        scale = f"{LIKERT_LABELS[0]} to {LIKERT_LABELS[-1].lower()}"
    elif item.kind == ItemKind.SLIDER:
        scale = "0 to 100"
    elif item.kind == ItemKind.CHOICE:
        scale = "; ".join(item.options)
    else:
        scale = ""
    return {"item": item, "kind": item.get_kind_display(), "scale": scale}


def wave_row(wave) -> dict:
    return {
        "wave": wave,
        "kind": wave.get_kind_display(),
        "audience": wave.get_audience_display(),
        "dates": f"{nhs_date(wave.opens_on)} to {nhs_date(wave.closes_on)}",
    }


def planned_row(planned) -> dict:
    """A wave of the standard schedule, and what scheduling it will do."""
    if planned.exists:
        status, tag = "Already scheduled", " nhsuk-tag--grey"
    elif planned.too_late:
        status, tag = "Not scheduled: its dates have passed", " nhsuk-tag--white"
    else:
        status, tag = "To schedule", " nhsuk-tag--blue"
    return {
        "kind": WaveKind(planned.kind).label,
        "audience": Audience(planned.audience).label,
        "dates": f"{nhs_date(planned.opens_on)} to {nhs_date(planned.closes_on)}",
        "status": status,
        "tag_class": tag,
    }


def cohort_dates(subject) -> str:
    """A cohort's, edition's or placement's dates: "2 December 2026" when it is one day."""
    if subject.starts_on == subject.ends_on:
        return nhs_date(subject.starts_on)
    return f"{nhs_date(subject.starts_on)} to {nhs_date(subject.ends_on)}"


def wave_result(result) -> dict:
    return {**wave_row(result.wave), "result": result}


def own_response(response) -> dict:
    wave = response.invitation.wave
    return {
        "response": response,
        "title": f"{wave.get_kind_display()}: {wave.subject.title}",
        "submitted": nhs_date(response.submitted_at),
        "answers": [
            {
                "question": answer.item.text,
                "answer": _answer_text(answer),
            }
            for answer in response.answers.all()
        ],
    }


def _answer_text(answer) -> str:
    if answer.item.kind == ItemKind.LIKERT and answer.number:
        return LIKERT_LABELS[answer.number - 1]
    if answer.item.kind == ItemKind.SLIDER:
        return f"{answer.number} out of 100"
    if answer.item.kind == ItemKind.CHOICE:
        return answer.choice
    return answer.text or "No answer"
