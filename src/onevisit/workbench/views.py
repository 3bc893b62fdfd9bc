from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import logout as auth_logout
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from onevisit.accounts import selectors as account_selectors
from onevisit.accounts import services as account_services
from onevisit.accounts.decorators import officer_required
from onevisit.accounts.forms import StaffLoginForm, TotpForm
from onevisit.accounts.login_flow import (
    pending_finish,
    pending_start,
    pending_user,
    safe_next,
    second_factor_failed,
)
from onevisit.cases import selectors as case_selectors
from onevisit.core.errors import ValidationFailed

TOTP_SETUP_KEY = "onevisit.totp_setup_secret"
HOME_ROWS = 5
HOME_COUNT_CAP = 100


@require_http_methods(["GET", "POST"])
def login(request):
    form = StaffLoginForm(request.POST or None)
    next_url = safe_next(request, "/workbench/")
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
            realm="staff",
        )
        if user is None:
            form.add_error(None, _("用户名或密码不正确。"))
        else:
            pending_start(request, user=user, realm="staff", next_url=next_url)
            if user.totp_enabled:
                return redirect("workbench:login_totp")
            return redirect(pending_finish(request, user=user))
    return render(request, "workbench/login.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
def login_totp(request):
    user = pending_user(request, realm="staff")
    if user is None:
        messages.warning(request, _("登录已超时，请重新输入用户名和密码。"))
        return redirect("workbench:login")
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if account_services.totp_login_check(user=user, code=form.cleaned_data["code"]):
            return redirect(pending_finish(request, user=user))
        if second_factor_failed(request, user=user):
            messages.error(request, _("动态口令错误次数过多，请重新登录。"))
            return redirect("workbench:login")
        form.add_error("code", _("动态口令不正确或已使用，请等待下一个口令后重试"))
    return render(request, "workbench/login_totp.html", {"form": form})


@require_POST
def logout(request):
    auth_logout(request)
    messages.success(request, _("您已安全退出。"))
    return redirect("workbench:login")


@officer_required
def home(request):
    return render(
        request,
        "workbench/home.html",
        {
            "roles": account_selectors.staff_role_labels(user=request.user),
            "queue": case_selectors.case_queue_numbered_page(user=request.user, queue="todo", page_size=HOME_ROWS),
            "counts": case_selectors.queue_counts(user=request.user, cap=HOME_COUNT_CAP),
            "count_cap": HOME_COUNT_CAP,
        },
    )


@officer_required
@require_http_methods(["GET", "POST"])
def totp_setup(request):
    """Enable TOTP: show a new secret, enable it once a code from the app matches; or disable."""
    user = request.user
    if request.method == "POST" and "disable" in request.POST:
        account_services.totp_disable(user=user)
        messages.success(request, _("已关闭动态口令。"))
        return redirect("workbench:totp_setup")
    secret = request.session.get(TOTP_SETUP_KEY) or account_services.totp_new_secret()
    request.session[TOTP_SETUP_KEY] = secret
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_services.totp_enable(user=user, secret=secret, code=form.cleaned_data["code"])
        except ValidationFailed as exc:
            form.add_error("code", exc.details[0]["message"])
        else:
            request.session.pop(TOTP_SETUP_KEY, None)
            messages.success(request, _("动态口令已启用，下次登录时需要输入。"))
            return redirect("workbench:home")
    return render(
        request,
        "workbench/totp_setup.html",
        {
            "form": form,
            "secret": secret,
            "uri": account_services.totp_provisioning_uri(user=user, secret=secret),
            "enabled": user.totp_enabled,
        },
    )
