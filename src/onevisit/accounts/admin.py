from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from onevisit.accounts.models import (
    ApiToken,
    Department,
    Enterprise,
    EnterpriseMandate,
    StaffRoleAssignment,
    User,
)


class StaffRoleInline(admin.TabularInline):
    model = StaffRoleAssignment
    extra = 0


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["username", "full_name", "kind", "department", "is_active"]
    list_filter = ["kind", "is_active", "role_assignments__role"]
    search_fields = ["username", "full_name", "id_number", "department__name"]
    autocomplete_fields = ["department"]
    inlines = [StaffRoleInline]
    exclude = ["password", "totp_secret", "user_permissions"]
    readonly_fields = ["last_login", "date_joined", "totp_on"]

    @admin.display(boolean=True, description=_("已启用动态口令"))
    def totp_on(self, obj):
        return obj.totp_enabled


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sector", "level", "region", "is_active"]
    list_filter = ["level", "sector", "is_active"]
    search_fields = ["code", "name", "name_en"]
    autocomplete_fields = ["parent"]
    raw_id_fields = ["region"]


class MandateInline(admin.TabularInline):
    model = EnterpriseMandate
    fk_name = "enterprise"
    extra = 0
    raw_id_fields = ["user", "granted_by"]


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["uscc", "name", "legal_representative_name", "region"]
    search_fields = ["uscc", "name"]
    raw_id_fields = ["region"]
    inlines = [MandateInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
    search_fields = ["prefix", "name", "user__username"]
