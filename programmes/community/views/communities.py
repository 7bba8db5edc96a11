"""The communities' pages: the directory, a community, joining and leaving, discussions and moderation.

Every page needs a signed-in person ("community.view_directory"). A closed community's discussions, posts and
moderation are looked up through selectors that answer 404 to anyone who is not a member or lead,
superusers included; then each action's own permission is checked by its service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import home_crumb
from programmes.community import events, presenters, rules, selectors, services
from programmes.community.forms import ThreadFilterForm
from programmes.community.models import Membership, MembershipState


def index_crumb():
    return ("Communities", reverse("community:index"))


def community_crumbs(community):
    return [home_crumb(), index_crumb(), (community.name, reverse("community:community", args=[community.slug]))]


def thread_crumbs(thread):
    return [*community_crumbs(thread.community), (thread.title, services.thread_url(thread))]


class SignedIn(PermissionRequiredMixin):
    """Every page needs a signed-in person; what they may see is decided by the look-ups and rules below."""

    permission_required = "community.view_directory"

    def get_permission_object(self):
        return None  # not get_object(): the look-up runs only once the person is known to be signed in


class CommunityMixin(SignedIn):
    """A page about one community, which any signed-in person may see."""

    def get_community(self):
        if not hasattr(self, "community"):
            self.community = selectors.community_for(self.request.user, self.kwargs["slug"])
        return self.community


class LeadMixin(CommunityMixin):
    """A page for the community's leads. Others are refused (403) for an open community; a closed one is not
    found for anyone who may not read it."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            community = self.get_community()
            if not rules.allowed(request.user, "community.read_discussions", community):
                raise Http404("No such community.")
            if not rules.allowed(request.user, "community.moderate", community):
                raise PermissionDenied("Only the community's leads can do this.")
        return super().dispatch(request, *args, **kwargs)


class IndexView(SignedIn, TemplateView):
    template_name = "community/index.html"

    def get_context_data(self, **kwargs):
        communities = selectors.directory(self.request.user)
        return super().get_context_data(
            can_manage=rules.allowed(self.request.user, "community.manage_communities", None),
            groups=presenters.grouped_directory(communities),
            breadcrumbs=[home_crumb()],
            **kwargs,
        )


class CommunityView(CommunityMixin, TemplateView):
    template_name = "community/community.html"

    def get_context_data(self, **kwargs):
        community = self.get_community()
        user = self.request.user
        can_read = rules.allowed(user, "community.read_discussions", community)
        tag_words, tag_colour = presenters.membership_tag(community.viewer_state)
        asked = any(name in self.request.GET for name in ThreadFilterForm.base_fields)
        filters = ThreadFilterForm(self.request.GET if asked else None)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        threads = selectors.thread_page(
            community, self.request.GET.get("page"), viewer=user,
            unanswered=chosen.get("unanswered", False), following=chosen.get("following", False),
            mine=chosen.get("mine", False), sort=chosen.get("sort") or "active",
        ) if can_read else None
        return super().get_context_data(
            community=community,
            can_read=can_read,
            can_post=rules.allowed(user, "community.post", community),
            is_lead=rules.allowed(user, "community.moderate", community),
            can_manage=rules.allowed(user, "community.manage_communities", None),
            events=events.upcoming_events(community),
            can_manage_events=rules.allowed(user, "community.manage_events", community),
            threads=threads,
            filters=filters if filters.is_bound else ThreadFilterForm(initial={"sort": "active"}),
            filtered=any(chosen.get(name) for name in ("unanswered", "following", "mine")),
            join_words=presenters.join_words(community, community.viewer_state),
            is_member=community.viewer_state in (MembershipState.MEMBER, MembershipState.REQUESTED),
            # The template asks these questions rather than comparing state strings itself.
            has_joined=community.viewer_state == MembershipState.MEMBER,
            has_asked=community.viewer_state == MembershipState.REQUESTED,
            tag_words=tag_words,
            tag_colour=tag_colour,
            breadcrumbs=[home_crumb(), index_crumb()],
            **kwargs,
        )


class JoinView(CommunityMixin, ConfirmActionView):
    def get_object(self):
        return self.get_community()

    @property
    def title(self):
        return f"Ask to join {self.object.name}" if self.object.closed else f"Join {self.object.name}"

    @property
    def button(self):
        return "Ask to join" if self.object.closed else "Join"

    def paragraphs(self):
        if self.object.closed:
            return ["This is a closed community. Its leads will see your name and decide on your request; "
                    "we will tell you their answer."]
        return ["You will be able to read and join its discussions, and get a weekly digest of what is new. "
                "Other members will see your name. You can leave at any time."]

    def not_possible(self):
        if self.object.is_archived:
            return "This community is archived: it takes no new members."
        if self.object.viewer_state == MembershipState.MEMBER:
            return "You are already a member of this community."
        if self.object.viewer_state == MembershipState.REQUESTED:
            return "You have already asked to join. The community's leads will answer your request."
        return ""

    def perform(self):
        return services.join(self.request.user, self.object)

    def success_message(self, result):
        if result.state == MembershipState.REQUESTED:
            return f"You have asked to join {self.object.name}. We will tell you when a lead answers."
        return f"You have joined {self.object.name}."

    def success_url(self, result):
        return reverse("community:community", args=[self.object.slug])

    def breadcrumbs(self):
        return community_crumbs(self.object)


class LeaveView(CommunityMixin, ConfirmActionView):
    button = "Leave"
    warning = True

    def get_object(self):
        return self.get_community()

    @property
    def title(self):
        if self.object.viewer_state == MembershipState.REQUESTED:
            return f"Withdraw your request to join {self.object.name}"
        return f"Leave {self.object.name}"

    def paragraphs(self):
        if self.object.closed:
            return ["You will no longer be able to read its discussions. To come back, ask to join again."]
        return ["You will stop getting its digest and notices of replies. You can join again at any time."]

    def not_possible(self):
        if self.object.viewer_state not in (MembershipState.MEMBER, MembershipState.REQUESTED):
            return "You are not a member of this community."
        return ""

    def perform(self):
        return services.leave(self.request.user, self.object)

    def success_message(self, result):
        return f"You have left {self.object.name}."

    def success_url(self, result):
        return reverse("community:community", args=[self.object.slug])

    def breadcrumbs(self):
        return community_crumbs(self.object)


class RequestsView(LeadMixin, TemplateView):
    template_name = "community/requests.html"

    def get_context_data(self, **kwargs):
        community = self.get_community()
        return super().get_context_data(
            community=community, requests=selectors.pending_requests(community),
            breadcrumbs=community_crumbs(community), **kwargs,
        )


class DecideRequestView(LeadMixin, View):
    """POST only: approve or decline one request (the buttons on the requests page)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        community = self.get_community()
        membership = get_object_or_404(
            Membership.objects.select_related("person", "community"), pk=kwargs["pk"], community=community
        )
        membership.community = community
        approve = request.POST.get("decision") == "approve"
        try:
            services.decide_request(request.user, membership, approve=approve)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            person = membership.person
            messages.success(request, f"{person} is now a member." if approve else f"You declined {person}'s request.")
        return redirect("community:requests", community.slug)


class ModerationLogView(LeadMixin, TemplateView):
    template_name = "community/moderation_log.html"

    def get_context_data(self, **kwargs):
        community = self.get_community()
        return super().get_context_data(
            community=community, actions=selectors.moderation_log(community),
            reports=selectors.open_reports(community),
            breadcrumbs=community_crumbs(community), **kwargs,
        )
