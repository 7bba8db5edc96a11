"""Running the communities (the communities programme's admins and superusers): the list of every community,
creating one, changing it, naming and removing its leads, archiving it and bringing it back.

Anyone else signed in is refused (403); anonymous people are sent to sign in. Each service checks again."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import home_crumb, submit
from programmes.community import admin_services, selectors
from programmes.community.forms import CommunityForm, LeadForm
from programmes.community.views.communities import SignedIn, index_crumb
from programmes.community.views.ideas import FormPageMixin

CAPTION = "Run communities"


def manage_crumbs():
    return [home_crumb(), index_crumb(), (CAPTION, reverse("community:manage"))]


class AdminMixin(SignedIn):
    permission_required = "community.manage_communities"

    def get_community(self):
        if not hasattr(self, "community"):
            self.community = selectors.community_by_slug(self.kwargs["slug"])
        return self.community


class ManageListView(AdminMixin, TemplateView):
    template_name = "community/manage.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            communities=selectors.managed_communities(),
            breadcrumbs=[home_crumb(), index_crumb()],
            **kwargs,
        )


class CommunityFormView(AdminMixin, FormPageMixin, View):
    """Create a community (no slug given) or change one."""

    form_class = CommunityForm

    def dispatch(self, request, *args, **kwargs):
        self.existing = None
        if request.user.is_authenticated and "slug" in kwargs:
            self.existing = self.get_community()
        return super().dispatch(request, *args, **kwargs)

    @property
    def title(self):
        return f"Change {self.existing.name}" if self.existing else "Create a community"

    @property
    def button(self):
        return "Save changes" if self.existing else "Create community"

    def make_form(self, data=None):
        return CommunityForm(data, initial=self.initial(), with_lead=self.existing is None)

    def initial(self):
        c = self.existing
        if c is None:
            return {}
        return {"name": c.name, "kind": c.kind, "summary": c.description, "closed": "closed" if c.closed else "open"}

    def page_context(self):
        return {"caption": CAPTION, "breadcrumbs": manage_crumbs()}

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if self.existing:
            outcome = submit(form, lambda data: admin_services.change_community(
                request.user, self.existing, name=data["name"], kind=data["kind"], summary=data["summary"],
                closed=data["closed"]))
        else:
            outcome = submit(form, lambda data: admin_services.create_community(
                request.user, name=data["name"], kind=data["kind"], summary=data["summary"], closed=data["closed"],
                leads=[data["lead"]]))
        if not outcome:
            return self.render_form(form, status=400)
        community = outcome.result
        messages.success(request, f"{community.name} is changed." if self.existing else f"{community.name} is created.")
        return redirect(admin_services.community_url(community))


class LeadsView(AdminMixin, FormPageMixin, View):
    """The community's leads, each with a link to remove them, and the form to name another."""

    form_class = LeadForm
    template_name = "community/leads.html"
    button = "Name as lead"

    @property
    def title(self):
        return f"Leads of {self.get_community().name}"

    def page_context(self):
        community = self.get_community()
        return {"caption": CAPTION, "breadcrumbs": manage_crumbs(), "community": community,
                "leads": selectors.leads_of(community)}

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: admin_services.name_lead(
            request.user, self.get_community(), data["person"]))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, f"{form.cleaned_data['person']} is now a lead of {self.get_community().name}. "
                                  "We have emailed them.")
        return redirect("community:leads", self.get_community().slug)


class RemoveLeadView(AdminMixin, ConfirmActionView):
    button = "Remove lead"
    warning = True
    caption = CAPTION

    def get_object(self):
        community = self.get_community()
        person = get_object_or_404(community.leads.all(), pk=self.kwargs["pk"])
        self.person = person
        return community

    @property
    def title(self):
        return f"Remove {self.person} as a lead of {self.object.name}"

    def paragraphs(self):
        return [f"{self.person} will no longer approve requests, moderate discussions or run task-and-finish groups "
                "here. If they are a member, they stay one."]

    def not_possible(self):
        if self.object.leads.count() == 1:
            return (f"{self.person} is the only lead of {self.object.name}. A community keeps at least one lead: "
                    "name another lead first, then remove this one.")
        return ""

    def perform(self):
        return admin_services.remove_lead(self.request.user, self.object, self.person)

    def success_message(self, result):
        return f"{self.person} is no longer a lead of {result.name}."

    def success_url(self, result):
        return reverse("community:leads", args=[result.slug])

    def breadcrumbs(self):
        return manage_crumbs()


class ArchiveView(AdminMixin, ConfirmActionView):
    """Archive a community, or bring an archived one back (the same page, the other way round)."""

    caption = CAPTION

    def get_object(self):
        return self.get_community()

    @property
    def title(self):
        verb = "Bring back" if self.object.is_archived else "Archive"
        return f"{verb} {self.object.name}"

    @property
    def button(self):
        return "Bring back from the archive" if self.object.is_archived else "Archive community"

    @property
    def warning(self):
        return not self.object.is_archived

    def paragraphs(self):
        if self.object.is_archived:
            return ["It shows in the directory again; people can join it, post and add resources."]
        return ["It leaves the directory. Its page, discussions and resources stay for those who could read them, "
                "but nobody can join, start or reply to a discussion, or add a resource. You can bring it back."]

    def perform(self):
        return admin_services.set_archived(self.request.user, self.object, archived=not self.object.is_archived)

    def success_message(self, result):
        return f"{result.name} is archived." if result.is_archived else f"{result.name} is back in the directory."

    def success_url(self, result):
        return reverse("community:manage")

    def breadcrumbs(self):
        return manage_crumbs()
