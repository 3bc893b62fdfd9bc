from django.contrib import admin

from onevisit.exchange.models import AccessGrant, AccessLog, DataErrorReport, DataField, DataItem


class DataFieldInline(admin.TabularInline):
    model = DataField
    extra = 0
    fields = ["position", "name", "label", "type", "sensitivity", "sharing_class"]
    readonly_fields = ["position", "name", "label", "type", "sensitivity"]
    can_delete = False


@admin.register(DataItem)
class DataItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "owner_department", "sharing_class", "update_frequency", "catalogue_version", "is_active"]
    list_filter = ["sharing_class", "registry", "is_active"]
    search_fields = ["code", "name", "name_en"]
    readonly_fields = ["code", "registry", "subject_type", "revision", "synced_at", "catalogue_version"]
    inlines = [DataFieldInline]


@admin.register(AccessGrant)
class AccessGrantAdmin(admin.ModelAdmin):
    list_display = ["id", "consumer", "item", "purpose", "status", "requested_at", "expires_at"]
    list_filter = ["status", "purpose_kind"]
    search_fields = ["purpose", "item__code", "consumer__name"]
    raw_id_fields = ["consumer", "item", "requested_by", "decided_by", "revoked_by"]

    def has_change_permission(self, request, obj=None):
        return False  # decisions go through the services (and their permission checks)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only (a trigger refuses changes)."""

    list_display = ["id", "created_at", "consumer", "item", "purpose", "reference", "outcome", "error_code", "latency_ms", "chain_seq"]
    list_filter = ["outcome", "error_code"]
    search_fields = ["subject", "reference", "item"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DataErrorReport)
class DataErrorReportAdmin(admin.ModelAdmin):
    list_display = ["id", "item", "field", "owner_department", "status", "due_on", "resolved_at"]
    list_filter = ["status", "owner_department__sector"]
    search_fields = ["subject", "item__code"]
    raw_id_fields = ["item", "reporter", "reporter_department", "owner_department", "resolved_by"]
