"""Pages after a Big Room: the admins' attendance register (walk-ins included), the slides' upload and the
feedback figures; each attendee's feedback form, and the slides' download."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from academy.privacy.services import record_request
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.network import followup_selectors, followup_services, selectors
from programmes.network.followup_forms import FeedbackForm, RegisterForm, SlidesForm, WalkInForm
from programmes.network.models import Event
from programmes.network.views.base import AdminMixin, MemberMixin, manage_crumb, network_crumb


def _event_crumbs(event):
    return [_home(), network_crumb(), manage_crumb(), (event.title, reverse("network:event_manage", args=[event.pk]))]


class RegisterView(AdminMixin, View):
    """Take the register once the event has started: tick who came; add a walk-in by their account's email."""

    template_name = "network/after/register.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(Event, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page(self, register_form=None, walk_in_form=None, status=200):
        lines = followup_selectors.register(self.event)
        record_request(self.request, [line["person"].pk for line in lines], f"Big Room register: {self.event.title}")
        if register_form is None:
            # Until the register is taken everyone with a place counts as came: start with them all ticked.
            initial = [line["person"].pk for line in lines if line["attended"] is not False]
            register_form = RegisterForm(lines=lines, initial={"came": initial})
        return render(self.request, self.template_name, {
            "event": self.event,
            "started": self.event.starts_at <= timezone.now(),
            "counts": followup_selectors.register_counts(self.event),
            "organisations": selectors.organisations_that_came(self.event),
            "register_form": register_form,
            "walk_in_form": walk_in_form or WalkInForm(),
            "has_lines": bool(lines),
            "breadcrumbs": _event_crumbs(self.event),
        }, status=status)

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        if request.POST.get("action") == "walk_in":
            form = WalkInForm(request.POST)
            outcome = submit(form, lambda d: followup_services.add_walk_in(request.user, self.event, d["email"]))
            if not outcome:
                return self.page(walk_in_form=form, status=400)
            person = outcome.result.person
            messages.success(request, f"{person.get_full_name() or person.email} is on the register as came.")
            return redirect("network:event_register", pk)
        form = RegisterForm(request.POST, lines=followup_selectors.register(self.event))
        outcome = submit(form, lambda d: followup_services.take_register(request.user, self.event, d["came"]))
        if not outcome:
            return self.page(register_form=form, status=400)
        counts = outcome.result
        messages.success(request, f"The register is saved: {counts['came']} came, {counts['no_shows']} did not come.")
        return redirect("network:event_manage", pk)


class FeedbackFiguresView(AdminMixin, View):
    """What attendees said, as suppressed counts and comments without names."""

    def get(self, request, pk):
        event = get_object_or_404(Event, pk=pk)
        return render(request, "network/after/feedback_figures.html", {
            "event": event,
            "ended": followup_selectors.ended(event),
            "figures": followup_selectors.feedback_figures(event),
            "breadcrumbs": _event_crumbs(event),
        })


class FeedbackView(MemberMixin, View):
    """An attendee's feedback, once, after the event has ended (checked here and in the service)."""

    template_name = "network/after/feedback.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(Event, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page(self, form=None, status=200):
        user = self.request.user
        return render(self.request, self.template_name, {
            "event": self.event,
            "ended": followup_selectors.ended(self.event),
            "may": followup_selectors.may_give_feedback(user, self.event),
            "given": followup_selectors.feedback_of(user, self.event),
            "form": form or FeedbackForm(),
            "breadcrumbs": [_home(), network_crumb(), ("Big Room events", reverse("network:events")),
                            (self.event.title, reverse("network:event", args=[self.event.pk]))],
        }, status=status)

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        form = FeedbackForm(request.POST)
        if not submit(form, lambda d: followup_services.give_feedback(request.user, self.event, **d)):
            return self.page(form, status=400)
        messages.success(request, "Thank you: your feedback is saved.")
        return redirect("network:event", pk)


class SlidesUploadView(AdminMixin, View):
    """Upload the slides once the event has started (refused before, with a clear message)."""

    template_name = "network/after/slides.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(Event, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page(self, form=None, status=200):
        return render(self.request, self.template_name, {
            "event": self.event, "form": form or SlidesForm(),
            "started": self.event.starts_at <= timezone.now(),
            "slides": followup_selectors.slides_of(self.event),
            "breadcrumbs": _event_crumbs(self.event),
        }, status=status)

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        form = SlidesForm(request.POST, request.FILES)
        if not submit(form, lambda d: followup_services.upload_slides(request.user, self.event, d["file"])):
            return self.page(form, status=400)
        messages.success(request, "The slides have been uploaded.")
        return redirect("network:event_manage", pk)


class SlidesDownloadView(MemberMixin, View):
    """Anyone signed in downloads a Big Room's slides once it has started, as they see its recording; before
    then, or when there are none, the slides are not found."""

    def get(self, request, pk):
        event = get_object_or_404(Event, pk=pk)
        slides = followup_selectors.slides_of(event)
        if slides is None or event.starts_at > timezone.now():
            raise Http404("No slides")
        return FileResponse(slides.file.open("rb"), as_attachment=True, filename=slides.original_name,
                            content_type=slides.content_type)
