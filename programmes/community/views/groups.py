"""Task-and-finish groups' pages. A group is read by its members and the community's leads only (everyone
else, superusers included, is told it is not found); the leads set groups up, choose their members and close
them with an outcome note."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from academy.ui.shortcuts import submit
from programmes.community import resource_selectors, resource_services, rules, selectors, services
from programmes.community.forms import (
    CloseTaskGroupForm,
    ResourceForm,
    TaskGroupForm,
    TaskGroupMembersForm,
    TaskGroupPostForm,
)
from programmes.community.views.communities import LeadMixin, community_crumbs
from programmes.community.views.discussions import ReadableMixin


def groups_crumbs(community):
    groups_url = reverse("community:groups", args=[community.slug])
    return [*community_crumbs(community), ("Task-and-finish groups", groups_url)]


def group_crumbs(group):
    return [*groups_crumbs(group.community), (group.name, services.task_group_url(group))]


class GroupListView(ReadableMixin, TemplateView):
    """The groups a person may read in a community (every group for its leads)."""

    template_name = "community/groups.html"

    def get_context_data(self, **kwargs):
        community = self.get_community()
        user = self.request.user
        return super().get_context_data(
            community=community,
            page=selectors.task_group_page(community, user, self.request.GET.get("page")),
            is_lead=rules.allowed(user, "community.run_task_groups", community),
            breadcrumbs=community_crumbs(community),
            **kwargs,
        )


class NewGroupView(LeadMixin, View):
    template_name = "community/form_page.html"

    def make_form(self, data=None):
        return TaskGroupForm(data, members=selectors.choosable_group_members(self.community))

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form, "title": "Set up a task-and-finish group", "caption": self.community.name,
            "button": "Set up group", "summary": [],
            "paragraphs": ["A small group with a single objective, a mandate, members and an end date. "
                           "Only its members and the community's leads read it. It closes with a short outcome note."],
            "breadcrumbs": groups_crumbs(self.community),
        }, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: services.create_task_group(
            request.user, self.community, name=data["name"], objective=data["objective"], mandate=data["mandate"],
            ends_on=data["ends_on"], members=data.get("members", ()),
        ))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, "The group is set up.")
        return redirect(services.task_group_url(outcome.result))


class GroupMixin(ReadableMixin):
    """A page about one group: not found unless the person may read it."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.group = selectors.readable_task_group(request.user, kwargs["slug"], kwargs["pk"])
            self.community = self.group.community
        return super().dispatch(request, *args, **kwargs)


class GroupView(GroupMixin, View):
    """The group: objective, mandate, end date, members, outcome once closed, and its discussion."""

    template_name = "community/group.html"

    def render_page(self, form=None, status=200):
        user = self.request.user
        group = self.group
        can_post = rules.allowed(user, "community.post_in_task_group", group)
        resources = resource_selectors.group_resources(group)
        return render(self.request, self.template_name, {
            "community": self.community,
            "group": group,
            "resources": resources,
            "changeable": resource_selectors.changeable_group_resource_ids(user, group, resources),
            "can_add_resource": rules.allowed(user, "community.add_group_resource", group),
            "page": selectors.task_group_post_page(group, self.request.GET.get("page")),
            "is_lead": rules.allowed(user, "community.run_task_groups", self.community),
            "form": form or (TaskGroupPostForm() if can_post else None),
            "breadcrumbs": groups_crumbs(self.community),
        }, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        if not rules.allowed(request.user, "community.post_in_task_group", self.group):
            raise PermissionDenied("This group's discussion takes no more posts.")
        form = TaskGroupPostForm(request.POST)
        outcome = submit(form, lambda data: services.post_in_task_group(request.user, self.group, body=data["body"]))
        if not outcome:
            return self.render_page(form, status=400)
        messages.success(request, "Your message is posted.")
        return redirect(f"{services.task_group_url(self.group)}#post-{outcome.result.pk}")


class LeadGroupMixin(GroupMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.group = selectors.readable_task_group(request.user, kwargs["slug"], kwargs["pk"])
            self.community = self.group.community
            if not rules.allowed(request.user, "community.run_task_groups", self.community):
                raise PermissionDenied("Only the community's leads can do this.")
        return super(GroupMixin, self).dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(self.request, "community/form_page.html", {
            "form": form, "title": self.title, "caption": self.group.name, "button": self.button,
            "summary": [], "paragraphs": self.paragraphs(), "breadcrumbs": group_crumbs(self.group),
        }, status=status)

    def paragraphs(self):
        return []

    def get(self, request, *args, **kwargs):
        if not self.group.is_open:
            messages.info(request, "This group is closed.")
            return redirect(services.task_group_url(self.group))
        return self.render_form(self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, self.perform)
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, self.success_message)
        return redirect(services.task_group_url(self.group))


class GroupMembersView(LeadGroupMixin, View):
    title = "Choose the group's members"
    button = "Save members"
    success_message = "The group's members are saved."

    def make_form(self, data=None):
        return TaskGroupMembersForm(
            data, members=selectors.choosable_group_members(self.community),
            initial={"members": sorted(self.group.member_ids)},
        )

    def paragraphs(self):
        return ["People taken off the group no longer read it; what they wrote stays."]

    def perform(self, data):
        return services.set_task_group_members(self.request.user, self.group, data.get("members", ()))


class CloseGroupView(LeadGroupMixin, View):
    title = "Close the group"
    button = "Close group"
    success_message = "The group is closed. Its members and the community's leads can still read it."

    def make_form(self, data=None):
        return CloseTaskGroupForm(data)

    def paragraphs(self):
        return ["You can close the group at any time. Its discussion is kept but takes no more posts, "
                "and its members can no longer change."]

    def perform(self, data):
        return services.close_task_group(self.request.user, self.group, outcome_note=data["outcome_note"])


class AddGroupResourceView(GroupMixin, View):
    """Add a file or a link to a group: its members and the community's leads, while it is open (403 to other
    readers, which there are none of; not found to everyone who does not read the group)."""

    template_name = "community/resource_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.group = selectors.readable_task_group(request.user, kwargs["slug"], kwargs["pk"])
            self.community = self.group.community
            if not rules.allowed(request.user, "community.add_group_resource", self.group):
                raise PermissionDenied("Resources are added to a group while it is open.")
        return super(GroupMixin, self).dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form, "community": self.community, "title": f"Add a resource to “{self.group.name}”",
            "button": "Add resource", "breadcrumbs": group_crumbs(self.group),
        }, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(ResourceForm(community=self.community, in_group=True))

    def post(self, request, *args, **kwargs):
        form = ResourceForm(request.POST, request.FILES, community=self.community, in_group=True)
        outcome = submit(form, lambda d: resource_services.add_resource(
            request.user, self.community, task_group=self.group, title=d["title"], description=d["description"],
            kind=d["kind"], upload=d.get("file"), url=d.get("url", ""), priority_functions=d["priority_functions"],
            professions=d["professions"], themes=d["themes"],
        ))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, f"“{outcome.result.title}” is in the group's resources.")
        return redirect(f"{services.task_group_url(self.group)}#resources")
