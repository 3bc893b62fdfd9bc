from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import logout as auth_logout
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from onevisit.accounts import selectors as account_selectors
from onevisit.accounts import services as account_services
from onevisit.accounts.decorators import citizen_required
from onevisit.accounts.forms import CitizenLoginForm, OneTimeCodeForm
from onevisit.accounts.login_flow import (
    pending_finish,
    pending_start,
    pending_user,
    safe_next,
    second_factor_failed,
)
from onevisit.core.errors import RateLimited, ValidationFailed
from onevisit.exchange import transparency
from onevisit.portal import selectors
from onevisit.portal.forms import DataUsageFilterForm


def home(request):
    query = request.GET.get("q", "").strip()[:100]
    counts = selectors.sectors_with_services()
    return render(
        request,
        "portal/home.html",
        {
            "life_events": selectors.life_events(),
            "departments": [(d, counts.get(d.sector, 0)) for d in selectors.service_departments()],
            "query": query,
            "results": selectors.search_preview(query),
        },
    )


DEMO_CODE_KEY = "onevisit.demo_code"


def _send_code(request, user) -> bool:
    """Send a login code; False (with the reason as a message) when sending is rate-limited.

    In demo mode the code is also kept in the session so the verification page can show it.
    """
    try:
        code = account_services.one_time_code_send(user=user)
    except RateLimited as exc:
        messages.warning(request, exc.message)
        return False
    if settings.ONEVISIT_DEMO_MODE:
        request.session[DEMO_CODE_KEY] = code
    return True


@require_http_methods(["GET", "POST"])
def login(request):
    form = CitizenLoginForm(request.POST or None)
    next_url = safe_next(request, "/my/")
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["id_number"],
            password=form.cleaned_data["password"],
            realm="citizen",
        )
        if user is None:
            form.add_error(None, _("身份证号码或密码不正确。"))
        else:
            pending_start(request, user=user, realm="citizen", next_url=next_url)
            # Rate-limited means a code went out moments ago and is still valid: use that one.
            _send_code(request, user)
            return redirect("portal:login_verify")
    return render(request, "portal/login.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
def login_verify(request):
    user = pending_user(request, realm="citizen")
    if user is None:
        messages.warning(request, _("登录已超时，请重新输入身份证号码和密码。"))
        return redirect("portal:login")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_services.one_time_code_verify(user=user, code=form.cleaned_data["code"])
        except ValidationFailed as exc:
            if second_factor_failed(request, user=user):
                messages.error(request, _("验证码错误次数过多，请重新登录。"))
                return redirect("portal:login")
            form.add_error("code", exc.details[0]["message"])
        else:
            request.session.pop(DEMO_CODE_KEY, None)
            return redirect(pending_finish(request, user=user))
    if request.method == "POST" and "resend" in request.POST:
        if _send_code(request, user):
            messages.info(request, _("验证码已重新发送。"))
        return redirect("portal:login_verify")
    return render(
        request,
        "portal/login_verify.html",
        {
            "form": form,
            "masked_phone": user.phone[:3] + "****" + user.phone[-4:]
            if len(user.phone) >= 7
            else "",
            "demo_code": request.session.get(DEMO_CODE_KEY)
            if settings.ONEVISIT_DEMO_MODE
            else None,
            "code_minutes": settings.ONEVISIT_OTP_TTL_SECONDS // 60,
        },
    )


@require_POST
def logout(request):
    auth_logout(request)
    messages.success(request, _("您已安全退出。"))
    return redirect("portal:home")


@citizen_required
def data_usage(request):
    """我的数据使用记录: who read my data (or my enterprise's), when, why, with what outcome."""
    own = request.user.id_number
    subjects = [(own, _("本人（%(name)s）") % {"name": request.user.full_name})] + [
        (enterprise.uscc, enterprise.name)
        for enterprise in account_selectors.enterprises_acted_for(user=request.user)
    ]
    allowed = {value for value, _label in subjects}
    requested = request.GET.get("subject") or own
    subject = requested if requested in allowed else own
    departments = [(d.code, d.name) for d in transparency.departments_that_used(subject=subject)]
    form = DataUsageFilterForm(
        request.GET or {"subject": subject}, subjects=subjects, departments=departments
    )
    rows: object = []  # an invalid filter shows its errors and no rows
    if form.is_valid():
        rows = transparency.data_usage_for_subject(
            usage=transparency.UsageFilter(
                subject=subject,
                since=form.cleaned_data["since"],
                until=form.cleaned_data["until"],
                department_code=form.cleaned_data["department"] or None,
            )
        )
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    items = transparency.item_names(codes={row.item for row in page})
    for row in page:
        row.catalogue_item = items.get(row.item)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/data_usage.html",
        {"form": form, "page": page, "query": query.urlencode(), "subject": subject},
    )


@citizen_required
def my(request):
    return render(
        request,
        "portal/my.html",
        {
            "enterprises": account_selectors.enterprises_acted_for(user=request.user),
        },
    )
