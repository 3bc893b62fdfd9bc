from django.urls import path

from onevisit.workbench import (
    case_views,
    catalogue_views,
    certificate_views,
    correction_views,
    grant_views,
    inbox_views,
    verify_views,
    views,
    window_application_views,
    window_views,
)

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("login/totp/", views.login_totp, name="login_totp"),
    path("logout/", views.logout, name="logout"),
    path("security/totp/", views.totp_setup, name="totp_setup"),
    path("inbox/", inbox_views.inbox, name="inbox"),
    path("inbox/read-all/", inbox_views.inbox_read_all, name="inbox_read_all"),
    path("inbox/<int:notification_id>/read/", inbox_views.inbox_read, name="inbox_read"),
    path("cases/", case_views.case_list, name="case_list"),
    path("cases/<str:reference>/", case_views.case_detail, name="case_detail"),
    path("cases/<str:reference>/act/<str:action>/", case_views.case_act, name="case_act"),
    path("cases/<str:reference>/files/<str:kind>/<int:file_id>/", case_views.case_file, name="case_file"),
    path("verify/", verify_views.verify_home, name="verify"),
    path("verify/requests/", verify_views.verify_request_new, name="verify_request_new"),
    path("verify/r/<str:code>/", verify_views.verify_request, name="verify_request"),
    path("catalogue/", catalogue_views.catalogue_list, name="catalogue_list"),
    path("catalogue/<str:code>/", catalogue_views.catalogue_detail, name="catalogue_detail"),
    path("catalogue/<str:code>/request/", grant_views.grant_new, name="grant_new"),
    path("catalogue/<str:code>/report-error/", correction_views.correction_new, name="correction_new"),
    path("grants/", grant_views.grant_list, name="grant_list"),
    path("grants/<int:grant_id>/decision/", grant_views.grant_decide, name="grant_decide"),
    path("grants/<int:grant_id>/revoke/", grant_views.grant_revoke, name="grant_revoke"),
    path("corrections/", correction_views.correction_list, name="correction_list"),
    path("corrections/<int:report_id>/correct/", correction_views.correction_correct, name="correction_correct"),
    path("corrections/<int:report_id>/reject/", correction_views.correction_reject, name="correction_reject"),
    # 一窗受理
    path("window/", window_views.window_home, name="window_home"),
    path("window/register/", window_views.window_register, name="window_register"),
    path("window/visitors/<str:id_number>/", window_views.window_visitor, name="window_visitor"),
    path("window/visitors/<str:id_number>/start/", window_views.window_start, name="window_start"),
    path("window/applications/<str:reference>/", window_application_views.window_application,
         name="window_application"),
    # 电子证照 (issuing department)
    path("certificates/", certificate_views.certificate_list, name="certificate_list"),
    path("certificates/<str:identifier>/status/", certificate_views.certificate_status, name="certificate_status"),
]
