"""Typed errors of the jobs app (see onevisit.core.errors for how they map to HTTP)."""

from django.utils.translation import gettext_lazy as _

from onevisit.core.errors import Conflict, NotFound, ValidationFailed


class UnknownTask(NotFound):
    """No task is registered under the name given (a typo, or code that is not deployed here)."""

    code = "unknown_task"
    default_message = _("未注册的后台任务。")


class InvalidTaskArguments(ValidationFailed):
    """The keyword arguments do not fit the task's signature or are not JSON-serialisable."""

    code = "invalid_task_arguments"
    default_message = _("后台任务的参数无效。")


class JobNotRequeueable(Conflict):
    """Only a job that failed for good can be put back in the queue."""

    code = "job_not_requeueable"
    default_message = _("只有已失败的任务可以重新排队。")
