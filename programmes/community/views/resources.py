"""The resources library's pages: a community's library, adding a file or link, searching every library the
person may read, downloading a file through a checked view, and editing or removing a resource.

A closed community's library and files are not found (404) for anyone who is not a member or lead,
superusers included; adding needs membership (403 otherwise); changing needs the adder or a lead."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import home_crumb, submit
from programmes.community import resource_selectors, resource_services, rules, selectors
from programmes.community.forms import ResourceForm, ResourceSearchForm
from programmes.community.models import ResourceVisibility
from programmes.community.views.communities import SignedIn, community_crumbs, index_crumb


def library_url(community) -> str:
    return reverse("community:resources", args=[community.slug])


def home_url(resource) -> str:
    """Where a resource is listed: its task-and-finish group's page, or its community's library."""
    if resource.task_group_id:
        return reverse("community:group", args=[resource.community.slug, resource.task_group_id]) + "#resources"
    return library_url(resource.community)


def home_crumbs(resource) -> list:
    community = resource.community
    if resource.task_group_id:
        group_url = reverse("community:group", args=[community.slug, resource.task_group_id])
        return [*community_crumbs(community),
                ("Task-and-finish groups", reverse("community:groups", args=[community.slug])),
                (resource.task_group.name, group_url)]
    return [*community_crumbs(community), ("Resources", library_url(community))]


class LibraryView(SignedIn, TemplateView):
    template_name = "community/resources.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        community = selectors.community_for(user, self.kwargs["slug"])
        if community.closed and not rules.allowed(user, "community.read_discussions", community):
            raise Http404("No such community.")
        page = resource_selectors.library(community, user, self.request.GET.get("page"))
        return super().get_context_data(
            community=community,
            page=page,
            changeable=resource_selectors.changeable_ids(user, page.object_list),
            can_add=rules.allowed(user, "community.add_resource", community),
            is_member=rules.allowed(user, "community.post", community),
            breadcrumbs=community_crumbs(community),
            **kwargs,
        )


class AddResourceView(SignedIn, View):
    template_name = "community/resource_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.community = selectors.readable_community(request.user, kwargs["slug"])
            if not rules.allowed(request.user, "community.add_resource", self.community):
                raise PermissionDenied("Join the community to add resources.")
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form, "community": self.community, "title": "Add a resource",
            "button": "Add resource",
            "breadcrumbs": [*community_crumbs(self.community), ("Resources", library_url(self.community))],
        }, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(ResourceForm(community=self.community))

    def post(self, request, *args, **kwargs):
        form = ResourceForm(request.POST, request.FILES, community=self.community)
        outcome = submit(form, lambda d: resource_services.add_resource(
            request.user, self.community, title=d["title"], description=d["description"], kind=d["kind"],
            upload=d.get("file"), url=d.get("url", ""), priority_functions=d["priority_functions"],
            professions=d["professions"], themes=d["themes"], visibility=d["visibility"],
        ))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, f"“{outcome.result.title}” is in the library.")
        return redirect(library_url(self.community))


class SearchView(SignedIn, TemplateView):
    template_name = "community/resource_search.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = ResourceSearchForm(self.request.GET or None, choices=resource_selectors.filter_choices(user))
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        page = resource_selectors.search(
            user, text=data.get("q") or "", function=data.get("function"), profession=data.get("profession"),
            theme=data.get("theme") or "", page_number=self.request.GET.get("page"),
        )
        if form.is_bound and form.errors:
            self.status = 400
        return super().get_context_data(
            form=form, page=page, searched=bool(data),
            changeable=resource_selectors.changeable_ids(user, page.object_list),
            breadcrumbs=[home_crumb(), index_crumb()], **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        return super().render_to_response(context, status=getattr(self, "status", 200), **kwargs)


class DownloadView(SignedIn, View):
    def get(self, request, pk):
        resource = resource_selectors.readable_resource(request.user, pk)
        if not resource.is_file or not resource.file:
            raise Http404("This resource is a link, not a file.")
        return FileResponse(resource.file.open("rb"), as_attachment=True, filename=resource.original_name,
                            content_type=resource.content_type)


class ChangeMixin(SignedIn):
    def get_resource(self):
        if not hasattr(self, "resource"):
            self.resource = resource_selectors.readable_resource(self.request.user, self.kwargs["pk"])
            if not rules.allowed(self.request.user, "community.change_resource", self.resource):
                raise PermissionDenied("Only the person who added this resource, or the community's leads, can "
                                       "change it.")
        return self.resource


class EditResourceView(ChangeMixin, View):
    template_name = "community/resource_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.get_resource()
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        community = self.resource.community
        return render(self.request, self.template_name, {
            "form": form, "community": community, "title": f"Change “{self.resource.title}”",
            "button": "Save changes", "breadcrumbs": home_crumbs(self.resource),
        }, status=status)

    def make_form(self, data=None, initial=None):
        return ResourceForm(data, community=self.resource.community, editing=True,
                            in_group=self.resource.in_task_group, initial=initial)

    def get(self, request, *args, **kwargs):
        resource = self.resource
        return self.render_form(self.make_form(initial={
            "title": resource.title, "description": resource.description,
            "priority_functions": list(resource.priority_functions.all()),
            "professions": list(resource.professions.all()),
            "themes": ", ".join(resource.themes), "visibility": resource.visibility,
        }))

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda d: resource_services.edit_resource(
            request.user, self.resource, title=d["title"], description=d["description"],
            priority_functions=d["priority_functions"], professions=d["professions"], themes=d["themes"],
            visibility=d.get("visibility", ResourceVisibility.COMMUNITY),
        ))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, "The resource has been changed.")
        return redirect(home_url(self.resource))


class RemoveResourceView(ChangeMixin, ConfirmActionView):
    button = "Remove"
    warning = True

    def get_object(self):
        return self.get_resource()

    @property
    def title(self):
        return f"Remove “{self.object.title}”"

    def paragraphs(self):
        if self.object.in_task_group:
            return ["It will no longer be on the group's page. You cannot undo this."]
        return ["It will no longer be in the community's library or in search results. You cannot undo this."]

    def perform(self):
        return resource_services.remove_resource(self.request.user, self.object)

    def success_message(self, result):
        return f"“{self.object.title}” has been removed."

    def success_url(self, result):
        return home_url(self.object)
