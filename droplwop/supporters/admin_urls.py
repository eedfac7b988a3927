from django.urls import path

from . import admin_views

app_name = "supporters_admin"
urlpatterns = [
    path("duplicates/", admin_views.duplicates, name="duplicates"),
    path("merge/<id:first_id>/<id:second_id>/", admin_views.merge, name="merge"),
    path("people/<id:pk>/privacy/", admin_views.ccpa_request, name="privacy"),
    path("people/<id:pk>/export.<str:fmt>", admin_views.ccpa_export, name="ccpa_export"),
    path("export/", admin_views.export, name="export"),
    path("imports/", admin_views.imports, name="imports"),
    path("imports/<id:pk>/", admin_views.import_detail, name="import_detail"),
    path("imports/<id:pk>/columns/", admin_views.import_mapping, name="import_mapping"),
    path("imports/<id:pk>/start/", admin_views.import_start, name="import_start"),
    path("imports/<id:pk>/errors.csv", admin_views.import_errors, name="import_errors"),
]
