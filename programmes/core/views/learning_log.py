"""The learning log: writing reflections, reading one with its thread, and those shared with faculty."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import apply_validation_error as _apply_validation_error
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.core import selectors, services
from programmes.core.forms.leader import ReflectionForm, ReplyForm
from programmes.core.rules import can_reply_to_reflection
from programmes.core.views.base import my_academy_crumb

# --- the learning log ------------------------------------------------------------------------------------


def _reflection_crumbs(reflection, user):
    if reflection.author_id == user.pk:
        return [_home(), my_academy_crumb()]
    return [_home(), my_academy_crumb(), ("Reflections shared with you", reverse("programmes:shared_reflections"))]


class ReflectionFormView(PermissionRequiredMixin, TemplateView):
    """Write or change one's reflection on a session of one's cohort (``final``: the final reflection on the
    cohort). Only for people with a place; anyone else gets 404."""

    permission_required = "programmes.view_my_academy"
    template_name = "programmes/core/reflection_form.html"
    final = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if self.final:
                self.session = None
                self.cohort = selectors.own_place(request.user, kwargs["pk"]).cohort
            else:
                self.session = selectors.own_session(request.user, kwargs["pk"])
                self.cohort = self.session.cohort
            self.reflection = selectors.own_reflection(request.user, self.cohort, self.session)
            self.final_opens_at = selectors.last_session_end(self.cohort) if self.final else None
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        initial = {}
        if self.reflection is not None:
            initial = {
                "text": self.reflection.text,
                "sharing": "shared" if self.reflection.shared else "private",
                "keep": self.reflection.kept_by_author,
            }
        return ReflectionForm(data, initial=initial)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            session=self.session,
            reflection=self.reflection,
            not_started=self.session is not None and not self.session.starts_at <= timezone.now(),
            final_opens_at=self.final_opens_at,
            final_not_open=self.final and (self.final_opens_at is None or self.final_opens_at > timezone.now()),
            form=form or self.get_form(),
            breadcrumbs=[_home(), my_academy_crumb()],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        outcome = submit(
            form,
            lambda data: services.save_reflection(
                request.user, self.cohort, data["text"], shared=data["sharing"] == "shared", session=self.session,
                keep=data["keep"],
            ),
        )
        if outcome.ok:
            reflection = outcome.result
            if reflection.shared:
                messages.success(request, "Reflection saved and shared with your faculty and coaches.")
            else:
                messages.success(request, "Reflection saved. It is private: only you can read it.")
            return redirect("programmes:reflection", pk=reflection.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReflectionView(PermissionRequiredMixin, TemplateView):
    """A reflection and its short thread: for its author, and, while it is shared, the cohort's faculty and
    coaches (who reply) and the programme's admins (who read). 404 for anyone else."""

    permission_required = "programmes.view_my_academy"
    template_name = "programmes/core/reflection.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.reflection = selectors.readable_reflection(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        reflection = self.reflection
        context.update(
            reflection=reflection,
            mine=reflection.author_id == self.request.user.pk,
            can_reply=can_reply_to_reflection(self.request.user, reflection),
            form=form or ReplyForm(),
            breadcrumbs=_reflection_crumbs(reflection, self.request.user),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                services.reply_to_reflection(request.user, self.reflection, form.cleaned_data["text"])
            except ValidationError as exc:
                _apply_validation_error(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Reply sent.")
                return redirect("programmes:reflection", pk=self.reflection.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SharedReflectionsView(PermissionRequiredMixin, TemplateView):
    """Faculty and coaches: the reflections their cohorts' participants share with them. Programme admins
    read their programmes' shared reflections here too."""

    permission_required = "programmes.read_shared_reflections"
    template_name = "programmes/core/shared_reflections.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            reflections=selectors.shared_with(self.request.user),
            breadcrumbs=[_home(), my_academy_crumb()],
        )
        return context
