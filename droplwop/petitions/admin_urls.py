from django.urls import path

from . import admin_views as views

app_name = "petitions_admin"
urlpatterns = [
    path("", views.petition_list, name="list"),
    path("<int:pk>/", views.dashboard, name="dashboard"),
    path("<int:pk>/paper/", views.set_paper_count, name="paper"),
    path("<int:pk>/export.csv", views.export_csv, name="export"),
    path("<int:pk>/signatures/<int:signature_id>/remove/", views.remove_signature, name="remove"),
    path("<int:pk>/organizations/<int:org_id>/verify/", views.verify_organization, name="verify"),
    path("<int:pk>/updates/<int:update_id>/send/", views.send_update, name="send_update"),
    path("<int:pk>/delivery/", views.request_delivery, name="request_delivery"),
    path("<int:pk>/delivery/<int:delivery_id>/", views.delivery_status, name="delivery"),
    path(
        "<int:pk>/delivery/<int:delivery_id>/download/",
        views.delivery_download,
        name="delivery_download",
    ),
]
