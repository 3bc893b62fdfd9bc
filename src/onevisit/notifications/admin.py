from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from onevisit.notifications.models import DeliveryAttempt, DeliveryStatus, Notification
from onevisit.notifications.services import notification_retry


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = ["number", "channel", "provider", "started_at", "finished_at", "outcome", "provider_message_id", "error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "channel", "subject", "status", "attempts", "created_at", "delivered_at", "read_at"]
    list_filter = ["status", "channel"]
    search_fields = ["recipient__username", "subject"]
    # Bodies can hold one-time login codes: administrators see that a message went out, not its text.
    exclude = ["body"]
    readonly_fields = [
        "recipient", "channel", "subject", "status", "attempts", "max_attempts", "last_error", "created_at",
        "delivered_at", "failed_at", "read_at",
    ]
    inlines = [DeliveryAttemptInline]
    actions = ["retry_failed"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("重新发送失败的通知"))
    def retry_failed(self, request, queryset) -> None:
        retried = 0
        for notification in queryset.filter(status=DeliveryStatus.FAILED):
            notification_retry(notification_id=notification.pk)
            retried += 1
        self.message_user(
            request, ngettext("%(count)d 条通知已重新排队发送。", "%(count)d 条通知已重新排队发送。", retried)
            % {"count": retried}, messages.SUCCESS,
        )
