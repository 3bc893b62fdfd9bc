from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def locked_out_response(request, original_response=None, credentials=None):
    """What a locked-out account sees: a 429 with when to try again, JSON for the API."""
    minutes = max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))
    message = _("登录失败次数过多，账号已临时锁定，请%(minutes)s分钟后再试。") % {"minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "account_locked", "message": message, "details": {}}, status=429)
    return render(request, "accounts/locked_out.html", {"message": message}, status=429)
