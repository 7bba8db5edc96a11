"""The portal's URLs plus two baselines for bench/ratios.py (bench settings only, never the product):

- ``/__bench__/bare/``: a Django view that reads one row and returns it as plain text, through the same
  middleware as every page (sessions, authentication, CSP...). Each page is reported as a ratio to it.
- ``/__bench__/admin/``: a separate admin site with changelists of the same rows as the portal's lists
  (bids, applications, leadership roles), 50 a page, for "at least as fast as the admin" comparisons.
"""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from academy.directory.models import Organisation
from governance.models import LeadershipRole
from programmes.challenge_fund.models import Bid
from programmes.core.models import Application

bench_admin = admin.AdminSite(name="bench_admin")


@admin.register(Bid, site=bench_admin)
class BidAdmin(admin.ModelAdmin):
    list_display = ("title", "lead_organisation", "state", "amount_requested", "awarded_amount")
    list_filter = ("round", "state")
    list_select_related = ("lead_organisation",)
    list_per_page = 50


@admin.register(Application, site=bench_admin)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("applicant", "state", "submitted_at")
    list_filter = ("cohort", "state")
    list_select_related = ("applicant",)
    list_per_page = 50


@admin.register(LeadershipRole, site=bench_admin)
class LeadershipRoleAdmin(admin.ModelAdmin):
    list_display = ("title", "function", "spatial_level", "holder", "wte", "annual_cost", "start_date")
    list_select_related = ("function", "holder")
    list_per_page = 50


def bare(request):
    organisation = Organisation.objects.only("name").order_by("pk").first()
    return HttpResponse(organisation.name if organisation else "", content_type="text/plain")


urlpatterns = [
    path("__bench__/bare/", bare),
    path("__bench__/admin/", bench_admin.urls),
    path("", include("academy.urls")),
]
