import os

from django.urls import path

from . import api, views

urlpatterns = [
    path("sign/<id:page_id>/", views.sign, name="sign"),
    path("sign/<id:page_id>/organization/", views.sign_organization, name="sign_organization"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("updates/stop/<str:token>/", views.stop_updates, name="stop_updates"),
]

unlocalized_urlpatterns = [
    path(
        "petitions/osdi/<id:petition_id>/record_signature_helper/",
        api.record_signature_helper,
        name="petitions_record_signature_helper",
    ),
]

# The benchmark's bare insert view, only when a benchmark server asks for it.
if os.environ.get("DROPLWOP_BENCH_VIEWS") == "1":
    from . import bench_views

    unlocalized_urlpatterns.append(path("petitions/bench/insert/", bench_views.bare_insert))
