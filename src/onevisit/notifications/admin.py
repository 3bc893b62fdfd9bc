from django.contrib import admin

from onevisit.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "channel", "subject", "created_at", "delivered_at", "read_at"]
    list_filter = ["channel"]
    search_fields = ["recipient__username", "subject"]
    # Bodies can hold one-time login codes: administrators see that a message went out, not its text.
    exclude = ["body"]
    readonly_fields = ["recipient", "channel", "subject", "created_at", "delivered_at", "read_at"]
