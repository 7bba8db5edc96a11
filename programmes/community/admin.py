from django.contrib import admin

from academy import workflow
from programmes.community.models import Community, IdeaChallenge


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "closed")
    list_filter = ("kind", "closed")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("leads",)
    search_fields = ("name",)


@admin.register(IdeaChallenge)
class IdeaChallengeAdmin(admin.ModelAdmin):
    """Challenges are posed here; their stage moves only through the services (one transition log)."""

    list_display = ("title", "owner_body", "owner", "stage", "opens_on", "closes_on")
    list_filter = ("stage",)
    search_fields = ("title", "owner_body")
    filter_horizontal = ("priority_functions", "evaluators")
    raw_id_fields = ("owner", "system_problem")
    readonly_fields = ("stage",)

    def save_model(self, request, obj, form, change):
        creating = obj.pk is None
        super().save_model(request, obj, form, change)
        if creating:
            workflow.start(obj, request.user)
