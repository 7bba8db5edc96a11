"""The conference team (programme admins of the conference): editions, their rooms, themes, session types
and questions, the call for proposals, and the list of proposals with its CSV export."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from academy.privacy.services import record_request
from academy.reports.exports import export_response
from academy.ui.confirm import ConfirmActionView
from academy.ui.formats import nhs_datetime
from academy.ui.shortcuts import home_crumb
from programmes.conference import selectors, services
from programmes.conference.forms import (
    CallForm,
    EditionForm,
    QuestionForm,
    RoomForm,
    SessionTypeForm,
    ThemeForm,
)
from programmes.conference.models import Edition, ProposalState, Room, SessionQuestion, SessionType, Theme
from programmes.conference.views.base import AdminMixin, FormPageView, edition_crumbs, manage_crumb


class ManageView(AdminMixin, TemplateView):
    template_name = "conference/manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(editions=list(selectors.admin_editions()), breadcrumbs=[home_crumb()])
        return context


class EditionFormView(AdminMixin, FormPageView):
    form_class = EditionForm
    button = "Save edition"

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition, pk=kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def page_title(self):
        return "Change the edition" if self.edition else "Create an edition"

    def initial(self):
        if self.edition is None:
            return {}
        e = self.edition
        return {"name": e.name, "starts_on": e.starts_on, "ends_on": e.ends_on, "venue_name": e.venue_name,
                "description": e.description}

    def crumbs(self):
        return edition_crumbs(self.edition) if self.edition else [home_crumb(), manage_crumb()]

    def perform(self, data):
        return services.save_edition(self.request.user, self.edition, **data)

    def success_message(self, result):
        return f"{result.name} has been saved."

    def success_url(self, result):
        return reverse("conference:edition", args=[result.pk])


class EditionView(AdminMixin, TemplateView):
    template_name = "conference/edition.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = selectors.edition_for_admin(self.kwargs["pk"])
        context.update(
            edition=edition, call=getattr(edition, "call", None), problems=services.publish_problems(edition),
            breadcrumbs=[home_crumb(), manage_crumb()],
        )
        return context


class PublishEditionView(AdminMixin, ConfirmActionView):
    title = "Publish this edition"
    button = "Publish"

    def get_object(self):
        return get_object_or_404(Edition, pk=self.kwargs["pk"])

    def paragraphs(self):
        return ["Leaders will see the call for proposals and can propose sessions until each type's deadline."]

    def not_possible(self):
        if self.object.is_published:
            return "This edition is already published."
        return " ".join(services.publish_problems(self.object))

    def perform(self):
        return services.publish_edition(self.request.user, self.object)

    def success_message(self, result):
        return f"{result.name} is published: its call for proposals is open."

    def success_url(self, result):
        return reverse("conference:edition", args=[result.pk])

    def breadcrumbs(self):
        return edition_crumbs(self.object)


class _InEditionForm(AdminMixin, FormPageView):
    """A form about one part of an edition: new (``pk`` is the edition's) or an existing part (``pk`` is its)."""

    model = None
    creating = False

    def dispatch(self, request, *args, **kwargs):
        if self.creating:
            self.obj = None
            self.edition = get_object_or_404(Edition, pk=kwargs["pk"])
        else:
            self.obj = get_object_or_404(self.model.objects.select_related("edition"), pk=kwargs["pk"])
            self.edition = self.obj.edition
        return super().dispatch(request, *args, **kwargs)

    def crumbs(self):
        return edition_crumbs(self.edition)

    def success_url(self, result):
        return reverse("conference:edition", args=[self.edition.pk])


class RoomFormView(_InEditionForm):
    model = Room
    form_class = RoomForm
    button = "Save room"

    def page_title(self):
        return f"Change the room {self.obj.name}" if self.obj else "Add a room"

    def initial(self):
        return {"name": self.obj.name, "capacity": self.obj.capacity} if self.obj else {}

    def perform(self, data):
        return services.save_room(self.request.user, self.edition, self.obj, **data)

    def success_message(self, result):
        return f"The room {result.name} has been saved."


class ThemeFormView(_InEditionForm):
    model = Theme
    form_class = ThemeForm
    button = "Save theme"

    def page_title(self):
        return "Change the theme" if self.obj else "Add a theme"

    def initial(self):
        if not self.obj:
            return {}
        return {"name": self.obj.name, "priority_functions": list(self.obj.priority_functions.all())}

    def perform(self, data):
        return services.save_theme(self.request.user, self.edition, self.obj, **data)

    def success_message(self, result):
        return f"The theme {result.name} has been saved."


class SessionTypeFormView(_InEditionForm):
    model = SessionType
    form_class = SessionTypeForm
    button = "Save session type"
    intro = "Each type of session has its own deadline. Leaders can change their proposals until then."

    def page_title(self):
        return f"Change the {self.obj} session type" if self.obj else "Add a session type"

    def initial(self):
        if not self.obj:
            return {}
        o = self.obj
        return {"kind": o.kind, "length_minutes": o.length_minutes, "deadline": timezone.localtime(o.deadline),
                "max_co_speakers": o.max_co_speakers}

    def perform(self, data):
        return services.save_session_type(self.request.user, self.edition, self.obj, **data)

    def success_message(self, result):
        return f"The {result} session type has been saved. Proposals close on {nhs_datetime(result.deadline)}."


class QuestionFormView(AdminMixin, FormPageView):
    form_class = QuestionForm
    button = "Save question"
    creating = False

    def dispatch(self, request, *args, **kwargs):
        if not self.creating:
            self.question = get_object_or_404(
                SessionQuestion.objects.select_related("session_type__edition"), pk=kwargs["pk"]
            )
            self.session_type = self.question.session_type
        else:
            self.question = None
            self.session_type = get_object_or_404(SessionType.objects.select_related("edition"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page_title(self):
        return "Change the question" if self.question else f"Add a question for {self.session_type} proposals"

    def initial(self):
        if not self.question:
            return {"required": True}
        q = self.question
        return {"text": q.text, "hint": q.hint, "required": q.required}

    def crumbs(self):
        return edition_crumbs(self.session_type.edition)

    def perform(self, data):
        return services.save_question(self.request.user, self.session_type, self.question, **data)

    def success_message(self, result):
        return "The question has been saved."

    def success_url(self, result):
        return reverse("conference:edition", args=[self.session_type.edition_id])


class DeleteQuestionView(AdminMixin, ConfirmActionView):
    title = "Delete this question"
    button = "Delete question"
    warning = True

    def get_object(self):
        return get_object_or_404(SessionQuestion.objects.select_related("session_type__edition"), pk=self.kwargs["pk"])

    def paragraphs(self):
        return [f"“{self.object.text}” will no longer be asked of {self.object.session_type} proposals."]

    def perform(self):
        services.delete_question(self.request.user, self.object)
        return self.object

    def success_message(self, result):
        return "The question has been deleted."

    def success_url(self, result):
        return reverse("conference:edition", args=[self.object.session_type.edition_id])

    def breadcrumbs(self):
        return edition_crumbs(self.object.session_type.edition)


class CallFormView(AdminMixin, FormPageView):
    form_class = CallForm
    button = "Save the call"
    title = "The call for proposals"
    intro = "What speakers read before they propose a session, and what the call asks of them."

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition.objects.select_related("call"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def initial(self):
        call = getattr(self.edition, "call", None)
        if call is None:
            return {"ask_accessibility": True, "ask_av": True}
        return {"guidance": call.guidance, "ask_accessibility": call.ask_accessibility, "ask_av": call.ask_av}

    def crumbs(self):
        return edition_crumbs(self.edition)

    def perform(self, data):
        return services.save_call(self.request.user, self.edition, **data)

    def success_message(self, result):
        return "The call for proposals has been saved."

    def success_url(self, result):
        return reverse("conference:edition", args=[self.edition.pk])


def _filters(request) -> dict:
    return {
        "session_type": request.GET.get("type", ""),
        "theme": request.GET.get("theme", ""),
        "state": request.GET.get("state", ""),
        "order": request.GET.get("order", selectors.DEFAULT_ORDER),
    }


class ProposalsView(AdminMixin, TemplateView):
    template_name = "conference/proposals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        filters = _filters(self.request)
        page = selectors.admin_proposal_page(edition, self.request.GET.get("page"), **filters)
        record_request(self.request, {p.speaker_id for p in page.object_list}, f"Conference proposals: {edition}")
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            edition=edition, page_obj=page, proposals=page.object_list,
            page_numbers=page.paginator.get_elided_page_range(page.number), query_string=query.urlencode(),
            filters=filters, session_types=list(edition.session_types.all()), themes=list(edition.themes.all()),
            states=[(v, label) for v, label in ProposalState.choices if v != ProposalState.DRAFT],
            orders=[(key, label) for key, label, _ in selectors.PROPOSAL_ORDERS],
            breadcrumbs=edition_crumbs(edition),
        )
        return context


class ProposalsExportView(AdminMixin, View):
    def get(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        proposals = selectors.with_people(list(selectors.admin_proposals(edition, **_filters(request))))
        record_request(request, {p.speaker_id for p in proposals}, f"Conference proposals export: {edition}")
        headers = ["Title", "Session type", "Themes", "State", "Speaker", "Speaker's email", "Co-speakers",
                   "Submitted", "Abstract"]
        rows = [
            [
                p.title, str(p.session_type), "; ".join(t.name for t in p.themes.all()),
                ProposalState(p.state).label, p.speaker.get_full_name(), p.speaker.email,
                "; ".join(s.name for s in p.accepted_co_speakers),
                nhs_datetime(p.submitted_at) if p.submitted_at else "", p.abstract,
            ]
            for p in proposals
        ]
        return export_response("csv", f"{edition.slug}-proposals", headers, rows)


class AdminProposalView(AdminMixin, TemplateView):
    template_name = "conference/admin_proposal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = selectors.proposal_for_admin(self.kwargs["pk"])
        record_request(self.request, [proposal.speaker_id], f"Conference proposal: {proposal.title}")
        context.update(
            proposal=proposal,
            breadcrumbs=[*edition_crumbs(proposal.edition),
                         ("Proposals", reverse("conference:proposals", args=[proposal.edition_id]))],
        )
        return context
