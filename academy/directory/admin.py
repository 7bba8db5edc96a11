"""Admin for reference data and leader profiles. Equality monitoring answers are deliberately absent:
no one but their owner ever sees them one by one."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from academy.directory.models import (
    Borough,
    LeaderGroup,
    LeaderProfile,
    Organisation,
    Profession,
    ProviderCollaborative,
)
from academy.directory.services import refresh_search_document


@admin.register(Borough)
class BoroughAdmin(SimpleHistoryAdmin):
    list_display = ["name", "lcp_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProviderCollaborative)
class ProviderCollaborativeAdmin(SimpleHistoryAdmin):
    list_display = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "org_type", "borough"]
    list_filter = ["org_type", "borough", "collaboratives"]
    search_fields = ["name"]
    filter_horizontal = ["collaboratives"]


@admin.register(Profession)
class ProfessionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(LeaderGroup)
class LeaderGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "position"]


@admin.register(LeaderProfile)
class LeaderProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "job_title", "profession", "organisation", "borough", "listed_in_directory"]
    list_filter = ["listed_in_directory", "profession", "borough", "leader_group", "career_stage"]
    list_select_related = ["user", "profession", "organisation", "borough"]
    search_fields = ["user__email", "user__last_name", "job_title"]
    raw_id_fields = ["user"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["interests"]
    readonly_fields = ["search_document", "created_at", "updated_at"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_document(form.instance)
