"""The inbox, a message's own page, preferences and one-click unsubscribe. Views parse, call and render."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.notifications import kinds, presenters, selectors, services
from academy.notifications.forms import PreferencesForm
from academy.ui.shortcuts import home_crumb


def _inbox_crumbs():
    return [home_crumb(), ("Notifications", reverse("notifications:inbox"))]


class InboxView(PermissionRequiredMixin, TemplateView):
    permission_required = "notifications.use_inbox"
    template_name = "notifications/inbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = selectors.inbox_page(self.request.user, self.request.GET.get("page"))
        unread = selectors.unread_count(self.request.user)
        context.update(
            page_obj=page,
            entries=presenters.entries(page.object_list),
            unread=unread,
            unread_label=presenters.unread_label(unread),
            breadcrumbs=[home_crumb()],
        )
        return context


class MarkAllReadView(PermissionRequiredMixin, View):
    permission_required = "notifications.use_inbox"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        count = services.mark_all_read(request.user)
        if count:
            messages.success(request, "All your messages are marked as read.")
        return redirect("notifications:inbox")


class MessageView(PermissionRequiredMixin, TemplateView):
    """A message's own page: its text as the email had it, and the link to the thing. Opening it marks it read."""

    permission_required = "notifications.use_inbox"
    template_name = "notifications/message.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = selectors.own_message(self.request.user, kwargs["pk"])
        services.mark_read(self.request.user, message)
        context.update(entry=presenters.entry(message), breadcrumbs=_inbox_crumbs())
        return context


class MarkReadView(PermissionRequiredMixin, View):
    permission_required = "notifications.use_inbox"
    http_method_names = ["post"]

    def post(self, request, pk, *args, **kwargs):
        message = selectors.own_message(request.user, pk)
        services.mark_read(request.user, message)
        page = request.POST.get("page", "")
        url = reverse("notifications:inbox")
        return redirect(f"{url}?page={page}" if page.isdigit() else url)


class PreferencesView(PermissionRequiredMixin, TemplateView):
    permission_required = "notifications.use_inbox"
    template_name = "notifications/preferences.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", PreferencesForm(current=selectors.preferences(self.request.user)))
        context.update(essential=kinds.essential(), breadcrumbs=_inbox_crumbs())
        return context

    def post(self, request, *args, **kwargs):
        form = PreferencesForm(request.POST, current=selectors.preferences(request.user))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        services.save_preferences(request.user, request.user, form.cleaned_data)
        messages.success(request, "Your choices are saved.")
        return redirect("notifications:preferences")


@method_decorator(csrf_exempt, name="dispatch")  # RFC 8058: the mail provider posts without a session or token
class UnsubscribeView(View):
    """One-click unsubscribe, without signing in. GET asks to confirm (a link scanner must not unsubscribe
    anyone); POST, from the page's button or from the mail provider (List-Unsubscribe-Post), does it."""

    template_name = "notifications/unsubscribe.html"
    http_method_names = ["get", "post"]

    def get(self, request, token, *args, **kwargs):
        found = services.read_unsubscribe_token(token)
        if found is None:
            return render(request, "notifications/unsubscribe_refused.html", status=404)
        return render(request, self.template_name, {"kind": found[1], "done": False})

    def post(self, request, token, *args, **kwargs):
        kind = services.unsubscribe(token)
        if kind is None:
            return render(request, "notifications/unsubscribe_refused.html", status=404)
        return render(request, self.template_name, {"kind": kind, "done": True})
