"""What the network's pages share: breadcrumbs and the permission mixins."""

from __future__ import annotations

from django.urls import reverse
from rules.contrib.views import PermissionRequiredMixin


def network_crumb():
    return ("Managed network", reverse("network:index"))


def manage_crumb():
    return ("Manage the network", reverse("network:manage"))


class MemberMixin(PermissionRequiredMixin):
    permission_required = "network.take_part"

    def get_permission_object(self):
        return None  # the permission is about the person; each view finds its object for them


class AdminMixin(PermissionRequiredMixin):
    permission_required = "network.administer"

    def get_permission_object(self):
        return None
