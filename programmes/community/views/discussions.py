"""The discussions' pages: starting and reading threads, replying, following, editing, reporting, and the
leads' moderation (hide, show again, lock)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views import View

from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import submit
from programmes.community import rules, selectors, services
from programmes.community.forms import EditPostForm, ReasonForm, ReplyForm, ThreadForm
from programmes.community.views.communities import SignedIn, community_crumbs, thread_crumbs

# --- discussions ------------------------------------------------------------------------------------------


class ReadableMixin(SignedIn):
    def get_community(self):
        if not hasattr(self, "community"):
            self.community = selectors.readable_community(self.request.user, self.kwargs["slug"])
        return self.community


class NewThreadView(ReadableMixin, View):
    template_name = "community/thread_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            community = self.get_community()
            if not rules.allowed(request.user, "community.post", community):
                raise PermissionDenied("Join the community to start a discussion.")
            self.members = selectors.mentionable_members(community, request.user)
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form, "community": self.community, "breadcrumbs": community_crumbs(self.community),
        }, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(ThreadForm(members=self.members))

    def post(self, request, *args, **kwargs):
        form = ThreadForm(request.POST, members=self.members)
        outcome = submit(form, lambda data: services.start_thread(
            request.user, self.community, title=data["title"], body=data["body"], mention=data.get("mention", ())
        ))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, "Your discussion has started. You will be told of replies.")
        return redirect(services.thread_url(outcome.result))


class ThreadView(ReadableMixin, View):
    template_name = "community/thread.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.thread = selectors.readable_thread(request.user, kwargs["slug"], kwargs["pk"])
            self.community = self.thread.community
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form=None, status=200):
        user = self.request.user
        community = self.community
        can_post = rules.allowed(user, "community.post", community)
        members = selectors.mentionable_members(community, user) if can_post and not self.thread.locked else []
        page = selectors.post_page(self.thread, self._page_number())
        return render(self.request, self.template_name, {
            "community": community,
            "thread": self.thread,
            "page": page,
            "is_lead": rules.allowed(user, "community.moderate", community),
            "can_reply": can_post and not self.thread.locked,
            "form": form or (ReplyForm(members=members) if can_post and not self.thread.locked else None),
            "breadcrumbs": community_crumbs(community),
        }, status=status)

    def _page_number(self):
        post_id = self.request.GET.get("post", "")
        if "page" not in self.request.GET and post_id.isdigit():
            earlier = self.thread.posts.filter(pk__lt=int(post_id)).count()
            return earlier // selectors.POSTS_PER_PAGE + 1
        return self.request.GET.get("page")

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        if not rules.allowed(request.user, "community.post", self.community):
            raise PermissionDenied("Join the community to reply.")
        members = selectors.mentionable_members(self.community, request.user)
        form = ReplyForm(request.POST, members=members)
        outcome = submit(form, lambda data: services.reply(
            request.user, self.thread, body=data["body"], mention=data.get("mention", ())
        ))
        if not outcome:
            return self.render_page(form, status=400)
        messages.success(request, "Your reply is posted.")
        return redirect(services.post_url(outcome.result))


class FollowView(ReadableMixin, View):
    """POST only: follow or stop following a thread."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        thread = selectors.readable_thread(request.user, kwargs["slug"], kwargs["pk"])
        if request.POST.get("follow") == "no":
            services.unfollow(request.user, thread)
            messages.success(request, "You will no longer be told of replies in this discussion.")
        else:
            services.follow(request.user, thread)
            messages.success(request, "You will be told of replies in this discussion.")
        return redirect(services.thread_url(thread))


class PostMixin(SignedIn):
    def get_post(self):
        if not hasattr(self, "post_obj"):
            self.post_obj = selectors.post_for(self.request.user, self.kwargs["pk"])
        return self.post_obj


class EditPostView(PostMixin, View):
    template_name = "community/post_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            post = self.get_post()
            may_post = rules.allowed(request.user, "community.post", post.thread.community)
            if post.author_id != request.user.pk or not may_post:
                raise PermissionDenied("Only the person who wrote a post can change it.")
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        post = self.post_obj
        return render(self.request, self.template_name, {
            "form": form, "post": post, "thread": post.thread, "history": selectors.post_history(post),
            "breadcrumbs": thread_crumbs(post.thread),
        }, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(EditPostForm(initial={"body": self.post_obj.body}))

    def post(self, request, *args, **kwargs):
        form = EditPostForm(request.POST)
        outcome = submit(form, lambda data: services.edit_post(request.user, self.post_obj, body=data["body"]))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, "Your post is changed. Its earlier text is kept in its history.")
        return redirect(services.post_url(outcome.result))


class ReasonView(PostMixin, View):
    """A page with one reason box that runs one service on a post (report, hide)."""

    template_name = "community/post_reason.html"
    title = ""
    label = ""
    help_text = ""
    button = ""
    warning = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.check(self.get_post())
        return super().dispatch(request, *args, **kwargs)

    def check(self, post) -> None:
        pass

    def make_form(self, data=None):
        return ReasonForm(data, label=self.label, help_text=self.help_text)

    def render_form(self, form, status=200):
        post = self.post_obj
        return render(self.request, self.template_name, {
            "form": form, "post": post, "thread": post.thread, "title": self.title, "button": self.button,
            "warning": self.warning, "breadcrumbs": thread_crumbs(post.thread),
            "back": services.post_url(post),
        }, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: self.perform(data["reason"]))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, self.success_message)
        return redirect(services.post_url(self.post_obj))


class ReportPostView(ReasonView):
    title = "Report this post"
    label = "What is wrong with this post?"
    help_text = "Only the community's leads see your report and your name."
    button = "Send report"
    success_message = "Thank you. The community's leads will look at the post."

    def perform(self, reason):
        return services.report_post(self.request.user, self.post_obj, reason=reason)


class HidePostView(ReasonView):
    title = "Hide this post"
    label = "Why are you hiding this post?"
    help_text = "Members see that a lead hid it; its author and the community's leads see this reason."
    button = "Hide post"
    warning = True
    success_message = "The post is hidden. Leads still see it, marked hidden."

    def check(self, post):
        if not rules.allowed(self.request.user, "community.moderate", post.thread.community):
            raise PermissionDenied("Only the community's leads can hide posts.")

    def perform(self, reason):
        return services.hide_post(self.request.user, self.post_obj, reason=reason)


class UnhidePostView(PostMixin, ConfirmActionView):
    title = "Show this post again"
    button = "Show post"

    def get_object(self):
        post = self.get_post()
        if not rules.allowed(self.request.user, "community.moderate", post.thread.community):
            raise PermissionDenied("Only the community's leads can show hidden posts.")
        return post

    def paragraphs(self):
        return ["Every member will see the post again. The moderation log keeps that it was hidden and why."]

    def summary(self):
        return [("Hidden because", self.object.hidden_reason)]

    def not_possible(self):
        return "" if self.object.hidden else "This post is not hidden."

    def perform(self):
        return services.unhide_post(self.request.user, self.object)

    def success_message(self, result):
        return "The post is shown again."

    def success_url(self, result):
        return services.post_url(self.object)

    def breadcrumbs(self):
        return thread_crumbs(self.object.thread)


class LockThreadView(ReadableMixin, ConfirmActionView):
    def get_object(self):
        thread = selectors.readable_thread(self.request.user, self.kwargs["slug"], self.kwargs["pk"])
        if not rules.allowed(self.request.user, "community.moderate", thread.community):
            raise PermissionDenied("Only the community's leads can lock discussions.")
        return thread

    @property
    def title(self):
        return f"{'Unlock' if self.object.locked else 'Lock'} “{self.object.title}”"

    @property
    def button(self):
        return "Unlock discussion" if self.object.locked else "Lock discussion"

    def paragraphs(self):
        if self.object.locked:
            return ["Members will be able to reply again."]
        return ["Nobody will be able to reply or change their posts. Everyone who can read it still can."]

    def perform(self):
        return services.set_locked(self.request.user, self.object, locked=not self.object.locked)

    def success_message(self, result):
        return "The discussion is locked." if result.locked else "The discussion is unlocked."

    def success_url(self, result):
        return services.thread_url(self.object)

    def breadcrumbs(self):
        return thread_crumbs(self.object)


class PinThreadView(ReadableMixin, ConfirmActionView):
    def get_object(self):
        thread = selectors.readable_thread(self.request.user, self.kwargs["slug"], self.kwargs["pk"])
        if not rules.allowed(self.request.user, "community.moderate", thread.community):
            raise PermissionDenied("Only the community's leads can pin discussions.")
        return thread

    @property
    def title(self):
        return f"{'Unpin' if self.object.pinned else 'Pin'} “{self.object.title}”"

    @property
    def button(self):
        return "Unpin discussion" if self.object.pinned else "Pin discussion"

    def paragraphs(self):
        if self.object.pinned:
            return ["The discussion will list by its latest post again, not first."]
        return ["The discussion will list first on the community's page, above the others."]

    def perform(self):
        return services.set_pinned(self.request.user, self.object, pinned=not self.object.pinned)

    def success_message(self, result):
        return "The discussion is pinned." if result.pinned else "The discussion is unpinned."

    def success_url(self, result):
        return services.thread_url(self.object)

    def breadcrumbs(self):
        return thread_crumbs(self.object)
