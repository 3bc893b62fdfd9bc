"""Jobs in the admin: read-only records, plus one operation, requeueing failed jobs."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from onevisit.core.errors import DomainError
from onevisit.jobs.models import Job, JobAttempt
from onevisit.jobs.services import job_requeue


class ReadOnlyAdmin(admin.ModelAdmin):
    """Job rows change only through the jobs services, so the admin shows them and nothing more."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class JobAttemptInline(admin.TabularInline):
    model = JobAttempt
    fields = ["number", "outcome", "worker_id", "started_at", "finished_at", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ["id", "task_name", "status", "attempts", "max_attempts", "run_after", "created_at", "finished_at"]
    list_filter = ["status", "task_name"]
    search_fields = ["=id", "task_name", "dedup_key", "last_error"]
    date_hierarchy = "created_at"
    inlines = [JobAttemptInline]
    actions = ["requeue"]

    def has_requeue_permission(self, request):
        return request.user.has_perm("jobs.change_job")

    @admin.action(description=_("重新排队所选的失败任务"), permissions=["requeue"])
    def requeue(self, request, queryset):
        requeued = 0
        for job in queryset:
            try:
                job_requeue(job_id=job.pk, requeued_by=request.user.get_username())
            except DomainError as exc:
                self.message_user(request, f"#{job.pk}: {exc.message}", messages.WARNING)
            else:
                requeued += 1
        if requeued:
            self.message_user(
                request, ngettext("已重新排队 %(count)d 个任务。", "已重新排队 %(count)d 个任务。", requeued) % {"count": requeued},
                messages.SUCCESS,
            )


@admin.register(JobAttempt)
class JobAttemptAdmin(ReadOnlyAdmin):
    list_display = ["job", "number", "outcome", "worker_id", "started_at", "finished_at"]
    list_filter = ["outcome"]
    search_fields = ["=job__id", "job__task_name", "worker_id", "error"]
    list_select_related = ["job"]
