"""Reads for the roles pages, each in a fixed number of queries."""

from django.core.paginator import Paginator

from academy.accounts.models import RoleAssignment


def current_assignments():
    return RoleAssignment.objects.select_related("user", "programme", "granted_by").order_by(
        "role", "programme__position", "user__last_name", "user__first_name"
    )


def role_history_page(page_number, per_page: int = 50):
    """The audit history of role changes, newest first: who changed what for whom, and when."""
    history = RoleAssignment.history.select_related("user", "programme", "history_user").order_by(
        "-history_date", "-history_id"
    )
    return Paginator(history, per_page).get_page(page_number)
