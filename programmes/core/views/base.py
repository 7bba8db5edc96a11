"""What the cohort engine's views share: breadcrumbs, and loading the cohort a programme admin manages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb as _home
from programmes.core import selectors
from programmes.core.models import (
    Cohort,
)


def my_academy_crumb():
    return ("My Academy", reverse("programmes:my_academy"))



def catalogue_crumb():
    return ("Programmes", reverse("programmes:catalogue"))



def admin_home_crumb():
    return ("Programme admin", reverse("programmes:admin_cohorts"))


def cohort_admin_crumbs(cohort) -> list:
    """Breadcrumbs of a page under a cohort's management page."""
    return [_home(), admin_home_crumb(), (cohort.title, reverse("programmes:cohort_manage", args=[cohort.pk]))]




class CohortObjectMixin(PermissionRequiredMixin):
    """Loads the cohort from the URL; the permission is checked against it (403 outside one's programmes)."""

    permission_required = "programmes.manage_cohort"

    def get_permission_object(self):
        if not hasattr(self, "cohort"):
            self.cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=self.kwargs["pk"])
        return self.cohort




def review_home_crumb():
    return ("Review applications", reverse("programmes:review"))


class ApplicationListMixin:
    """A long list of a cohort's applications, sorted, filtered and paged as the address says
    (``?order=score&state=under_review&page=2``; the pagination links keep all three). Shared by the
    programme admin's cohort page and the panel's review page; unknown values fall back to every
    application, earliest first."""

    def application_list(self, states: list[tuple[str, str]], read) -> dict:
        """The template's context: ``read(page_number, order=, state=)`` returns the page."""
        orders = dict(selectors.APPLICATION_ORDERS)
        order = self.request.GET.get("order", "")
        order = order if order in orders else selectors.DEFAULT_ORDER
        state = self.request.GET.get("state", "")
        state = state if state in dict(states) else ""
        page = read(self.request.GET.get("page"), order=order, state=state)
        return {
            "orders": selectors.APPLICATION_ORDERS,
            "order": order,
            "order_label": orders[order],
            "states": states,
            "state": state,
            "state_label": dict(states).get(state, ""),
            "applications": page.object_list,
            "page_obj": page,
        }
