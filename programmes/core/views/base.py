"""What the cohort engine's views share: breadcrumbs, and loading the cohort a programme admin manages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb as _home
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
