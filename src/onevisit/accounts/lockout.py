from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def locked_out_response(request, credentials, *args, **kwargs):
    """What a locked-out account sees: a 429 with when to try again, JSON for the API."""
    message = _("登录失败次数过多，账号已临时锁定，请15分钟后再试。")
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "account_locked", "message": message, "details": {}}, status=429)
    return render(request, "accounts/locked_out.html", {"message": message}, status=429)
