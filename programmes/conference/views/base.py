"""What the conference's pages share: breadcrumbs, the permission mixins, and one form page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb, submit


def conference_crumb():
    return ("Conference", reverse("conference:index"))


def manage_crumb():
    return ("Manage the conference", reverse("conference:manage"))


def edition_crumbs(edition):
    return [home_crumb(), manage_crumb(), (edition.name, reverse("conference:edition", args=[edition.pk]))]


class AdminMixin(PermissionRequiredMixin):
    permission_required = "conference.manage"

    def get_permission_object(self):
        return None  # a permission about the conference, not one object (confirm pages have get_object)


class SignedInMixin(PermissionRequiredMixin):
    permission_required = "conference.propose"

    def get_permission_object(self):
        return None  # the look-ups themselves answer 404 for what is not the person's


class FormPageView(TemplateView):
    """A page with one form: GET shows it, POST runs one service through ``submit`` and redirects, or shows
    the form again (status 400) with the service's message and nothing saved."""

    template_name = "conference/form.html"
    form_class = None
    title = ""
    caption = ""
    button = "Save"
    intro = ""

    def get_form(self, data=None):
        return self.form_class(data, initial=self.initial())

    def initial(self) -> dict:
        return {}

    def perform(self, data):
        raise NotImplementedError

    def success_message(self, result) -> str:
        return ""

    def success_url(self, result) -> str:
        raise NotImplementedError

    def crumbs(self) -> list:
        return [home_crumb()]

    def page_title(self) -> str:
        return self.title

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or self.get_form(), title=self.page_title(), caption=self.caption, button=self.button,
            intro=self.intro, breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        outcome = submit(form, self.perform)
        if outcome.ok:
            message = self.success_message(outcome.result)
            if message:
                messages.success(request, message)
            return redirect(self.success_url(outcome.result))
        return self.render_to_response(self.get_context_data(form=form), status=400)
