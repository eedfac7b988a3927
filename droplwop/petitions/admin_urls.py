from django.urls import path

from . import admin_views as views

app_name = "petitions_admin"
urlpatterns = [
    path("", views.petition_list, name="list"),
    path("<id:pk>/", views.dashboard, name="dashboard"),
    path("<id:pk>/paper/", views.set_paper_count, name="paper"),
    path("<id:pk>/export.csv", views.export_csv, name="export"),
    path("<id:pk>/signatures/<id:signature_id>/remove/", views.remove_signature, name="remove"),
    path("<id:pk>/organizations/<id:org_id>/verify/", views.verify_organization, name="verify"),
    path("<id:pk>/updates/<id:update_id>/send/", views.send_update, name="send_update"),
    path("<id:pk>/delivery/", views.request_delivery, name="request_delivery"),
    path("<id:pk>/delivery/<id:delivery_id>/", views.delivery_status, name="delivery"),
    path(
        "<id:pk>/delivery/<id:delivery_id>/download/",
        views.delivery_download,
        name="delivery_download",
    ),
]
