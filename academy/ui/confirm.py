"""The confirm-then-act page every app uses: a page that says what will happen, with one button.

GET shows the page; POST runs the action through a service and goes back with a success message. A
ValidationError from the service shows the page again with an error summary (status 400) and changes
nothing. A subclass fills in the words and the action:

    class WithdrawView(PermissionRequiredMixin, ConfirmActionView):
        title = "Withdraw"
        button = "Withdraw"
        warning = True  # a red button: it cannot be undone

        def get_object(self):
            return selectors.own_application(self.request.user, self.kwargs["pk"])

        def paragraphs(self):
            return ["If you withdraw, your place goes to the next person on the waiting list. You cannot undo this."]

        def perform(self):
            return services.withdraw(self.request.user, self.object)

        def success_message(self, result):
            return f"You have withdrawn from {result.cohort.title}."

        def success_url(self, result):
            return reverse("programmes:application", args=[result.pk])

Permission stays the subclass's: a mixin (``PermissionRequiredMixin``) and the object lookup in
``get_object`` (which raises Http404 for what the person may not see), then the service checks again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View


class ConfirmActionView(View):
    template_name = "ui/confirm.html"
    title = ""
    caption = ""
    button = "Continue"
    warning = False
    cancel_label = "Go back"

    def get_object(self) -> Any:
        return None

    def paragraphs(self) -> list[str]:
        """What will happen, one paragraph an item (plain text, escaped when shown)."""
        return []

    def summary(self) -> list[tuple[str, str]]:
        """Optional (key, value) rows of a summary list, shown above the button."""
        return []

    def not_possible(self) -> str:
        """Why the action cannot be taken now ('' when it can): the page then says so, with no button."""
        return ""

    def perform(self) -> Any:
        raise NotImplementedError

    def success_message(self, result) -> str:
        return ""

    def success_url(self, result) -> str:
        raise NotImplementedError

    def cancel_url(self) -> str:
        return self.success_url(self.object)

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return []

    def extra_context(self) -> dict:
        return {}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, error: str = ""):
        context = {
            "object": self.object,
            "title": self.title,
            "caption": self.caption,
            "button": self.button,
            "warning": self.warning,
            "paragraphs": self.paragraphs(),
            "summary": self.summary(),
            "not_possible": self.not_possible(),
            "cancel_url": self.cancel_url(),
            "cancel_label": self.cancel_label,
            "breadcrumbs": self.breadcrumbs(),
            "error": error,
            **self.extra_context(),
        }
        return render(self.request, self.template_name, context, status=400 if error else 200)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        reason = self.not_possible()
        if reason:
            return self.render_page(error=reason)
        try:
            result = self.perform()
        except ValidationError as exc:
            return self.render_page(error=" ".join(exc.messages))
        message = self.success_message(result)
        if message:
            messages.success(request, message)
        return redirect(self.success_url(result))
