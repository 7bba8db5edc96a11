"""The schedule editor (issue 11, schedule slice), for the conference team: a rooms x time grid of each day, the
accepted sessions to place, each with a room and start-time select (keyboard-operable, no dragging), moving and
unplacing, warnings, the day's hours, and releasing numbered versions through a confirm page.

With htmx a placement swaps the editor's region in place (a refused one too, with status 400 and its message);
without JavaScript the form posts, and the page comes back (303 to the editor, or 400 with the error summary)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from academy.ui.formats import nhs_datetime_range
from academy.ui.shortcuts import submit
from programmes.conference import schedule_selectors, schedule_services, workshop_selectors
from programmes.conference.models import Edition, Proposal
from programmes.conference.schedule_forms import HoursForm, PlaceForm, ReleaseForm, start_choices
from programmes.conference.views.base import AdminMixin, FormPageView, edition_crumbs


def schedule_crumbs(edition):
    return [*edition_crumbs(edition), ("Schedule", reverse("conference:schedule", args=[edition.pk]))]


def _forms(editor, failed=None) -> dict:
    """One place/move form per session (the failed one keeps its input and errors)."""
    forms = {}
    placed = {p.proposal_id: p for p in editor.placements}
    choices = start_choices(editor.start_times)  # the same for every session: worked out once
    for proposal in [*editor.unplaced, *[p.proposal for p in editor.placements]]:
        if failed is not None and failed.proposal.pk == proposal.pk:
            forms[proposal.pk] = failed
            continue
        placement = placed.get(proposal.pk)
        initial = {}
        if placement is not None:
            initial = {"room": placement.room_id, "starts_at": timezone.localtime(placement.starts_at).isoformat(),
                       "length_minutes": placement.length_minutes}
        forms[proposal.pk] = PlaceForm(initial=initial, rooms=editor.rooms, moments=editor.start_times,
                                       proposal=proposal, choices=choices)
    return forms


def editor_context(edition, failed=None) -> dict:
    editor = schedule_selectors.editor(edition)
    forms = _forms(editor, failed)
    return {
        "edition": edition, "editor": editor, "form": failed,
        "unplaced": [(p, forms[p.pk]) for p in editor.unplaced],
        "placed": [(p, forms[p.proposal_id]) for p in editor.placements],
    }


class ScheduleView(AdminMixin, TemplateView):
    template_name = "conference/schedule.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        context.update(editor_context(edition), breadcrumbs=edition_crumbs(edition))
        return context


class _EditorAction(AdminMixin, View):
    """POST only. Runs one change, then answers the editor's region (htmx) or redirects to the editor."""

    http_method_names = ["post"]

    def get_proposal(self) -> Proposal:
        return get_object_or_404(Proposal.objects.select_related("edition", "session_type"), pk=self.kwargs["pk"])

    def answer(self, request, edition, *, message: str = "", failed=None):
        status = 400 if failed is not None else 200
        if request.headers.get("HX-Request"):
            context = editor_context(edition, failed) | {"status_message": message, "fragment": True}
            return render(request, "conference/_schedule_editor.html", context, status=status)
        if failed is not None:
            context = editor_context(edition, failed) | {"breadcrumbs": edition_crumbs(edition)}
            return render(request, "conference/schedule.html", context, status=400)
        messages.success(request, message)
        return redirect(f"{reverse('conference:schedule', args=[edition.pk])}#session-{self.kwargs['pk']}")


class PlaceView(_EditorAction):
    def post(self, request, *args, **kwargs):
        proposal = self.get_proposal()
        edition = proposal.edition
        moments = schedule_selectors.start_times(edition, schedule_selectors.hours_of(edition))
        form = PlaceForm(request.POST, rooms=list(edition.rooms.order_by("name")), moments=moments, proposal=proposal)
        outcome = submit(form, lambda data: schedule_services.place_session(
            request.user, proposal, room=data["room"], starts_at=data["starts_at"],
            length_minutes=data["length_minutes"]))
        if not outcome.ok:
            return self.answer(request, proposal.edition, failed=form)
        placement = outcome.result
        return self.answer(request, proposal.edition, message=(
            f"“{proposal.title}” is placed in {placement.room.name}, "
            f"{nhs_datetime_range(placement.starts_at, placement.ends_at)}."))


class UnplaceView(_EditorAction):
    def post(self, request, *args, **kwargs):
        proposal = self.get_proposal()
        schedule_services.unplace_session(request.user, proposal)
        return self.answer(request, proposal.edition,
                           message=f"“{proposal.title}” is out of the schedule, with the sessions to place.")


class HoursView(AdminMixin, FormPageView):
    form_class = HoursForm
    title = "The schedule's hours"
    button = "Save the hours"
    intro = "The hours every day of the edition runs (London time), and the length of the grid's rows."

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition, pk=kwargs["pk"])
        self.caption = self.edition.name
        return super().dispatch(request, *args, **kwargs)

    def initial(self) -> dict:
        hours = schedule_selectors.hours_of(self.edition)
        return {"day_starts": hours.day_starts.strftime("%H:%M"), "day_ends": hours.day_ends.strftime("%H:%M"),
                "slot_minutes": str(hours.slot_minutes)}

    def perform(self, data):
        return schedule_services.save_hours(self.request.user, self.edition, **data)

    def success_message(self, result) -> str:
        return "The schedule's hours are saved."

    def success_url(self, result) -> str:
        return reverse("conference:schedule", args=[self.edition.pk])

    def crumbs(self) -> list:
        return schedule_crumbs(self.edition)


class ReleaseView(AdminMixin, TemplateView):
    """The confirm page: the changes since the last version, who will be emailed, then one button."""

    template_name = "conference/schedule_release.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        editor = schedule_selectors.editor(edition)
        number = (editor.latest.number if editor.latest else 0) + 1
        changed = {e["proposal"] for e in editor.changes["added"] + editor.changes["moved"]}
        speakers = {person.pk for p in editor.placements if p.proposal_id in changed
                    for person in schedule_selectors.speakers_of(p.proposal)}
        context.update(
            edition=edition, editor=editor, number=number, changes=editor.changes,
            has_changes=schedule_selectors.has_changes(editor.changes) and bool(editor.placements),
            speakers_told=len(speakers), changelog_sections=schedule_selectors.sections_of(editor.changes),
            form=form or ReleaseForm(initial={"expected_number": number}),
            breadcrumbs=schedule_crumbs(edition),
        )
        return context

    def post(self, request, *args, **kwargs):
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        form = ReleaseForm(request.POST)
        outcome = submit(form, lambda data: schedule_services.release_schedule(
            request.user, edition, expected_number=data["expected_number"], note=data["note"]))
        if not outcome.ok:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, f"Version {outcome.result.number} of the schedule is released. Speakers whose "
                                  "session was added or moved are being emailed.")
        for row in (row for row in workshop_selectors.team_workshops(edition) if row.over_room):
            messages.warning(request, f"“{row.proposal.title}” now has {row.places_held} places taken and its room, "
                                      f"{row.room}, seats {row.seats}: move it to a bigger room before the day.")
        clashing = {clash.person.pk for clash in workshop_selectors.clashes(edition)}
        if clashing:
            people = "1 person is" if len(clashing) == 1 else f"{len(clashing)} people are"
            messages.warning(request, f"{people} now down for two workshops at the same time: their names are on "
                                      "the Workshops page.")
        return redirect("conference:schedule_versions", edition.pk)


class VersionsView(AdminMixin, TemplateView):
    """Every released version with its changelog."""

    template_name = "conference/schedule_versions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        context.update(edition=edition, versions=schedule_selectors.versions(edition),
                       breadcrumbs=schedule_crumbs(edition))
        return context
