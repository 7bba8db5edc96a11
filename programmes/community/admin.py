from django.contrib import admin

from programmes.community.models import Community


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "closed")
    list_filter = ("kind", "closed")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("leads",)
    search_fields = ("name",)
