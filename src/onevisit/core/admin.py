from django.contrib import admin

from onevisit.core.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "level", "parent", "valid_from", "valid_until", "dataset_version"]
    list_filter = ["level", "dataset_version"]
    search_fields = ["code", "name", "name_en"]
    readonly_fields = ["dataset_version"]
