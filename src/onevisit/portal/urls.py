from django.urls import path

from onevisit.portal import (
    application_views,
    case_views,
    catalogue_views,
    correction_views,
    inbox_views,
    show_views,
    views,
    wallet_views,
)

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("services/", catalogue_views.service_list, name="service_list"),
    path("services/<str:code>/", catalogue_views.matter_guide, name="matter_guide"),
    path("life-events/", catalogue_views.life_events, name="life_events"),
    path("life-events/<str:code>/", catalogue_views.bundle_guide, name="bundle_guide"),
    path("login/", views.login, name="login"),
    path("login/verify/", views.login_verify, name="login_verify"),
    path("logout/", views.logout, name="logout"),
    path("my/", views.my, name="my"),
    path("my/inbox/", inbox_views.inbox, name="inbox"),
    path("my/inbox/read-all/", inbox_views.inbox_read_all, name="inbox_read_all"),
    path("my/inbox/<int:notification_id>/read/", inbox_views.inbox_read, name="inbox_read"),
    path("my/data-usage/", views.data_usage, name="data_usage"),
    path("my/data-usage/report/", correction_views.data_error_new, name="data_error_new"),
    # Before "my/wallet/<identifier>/": "show" is not an identifier.
    path("my/wallet/show/", show_views.show_to, name="wallet_show_to"),
    path("my/wallet/<str:identifier>/show/", show_views.show, name="wallet_show"),
    path("apply/<str:kind>/<str:code>/", application_views.start, name="application_start"),
    path("my/applications/", application_views.mine, name="applications"),
    path("my/applications/<str:reference>/", application_views.detail, name="application_detail"),
    path("my/applications/<str:reference>/cases/<str:case_reference>/supply/", case_views.supply,
         name="case_supply"),
    path("my/applications/<str:reference>/cases/<str:case_reference>/decision.pdf", case_views.document,
         name="case_document"),
    path("my/applications/<str:reference>/evidence/", application_views.evidence, name="application_evidence"),
    path("my/applications/<str:reference>/form/", application_views.form, name="application_form"),
    path("my/applications/<str:reference>/materials/", application_views.materials,
         name="application_materials"),
    path("my/applications/<str:reference>/review/", application_views.review, name="application_review"),
    path("my/wallet/", wallet_views.wallet, name="wallet"),
    path("my/wallet/<str:identifier>/", wallet_views.wallet_detail, name="wallet_detail"),
    path("my/wallet/<str:identifier>/certificate.pdf", wallet_views.wallet_pdf, name="wallet_pdf"),
]
