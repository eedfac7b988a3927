from django.urls import path

from . import admin_views

app_name = "mailings_admin"
urlpatterns = [
    path("<id:pk>/", admin_views.dashboard, name="dashboard"),
    path("<id:pk>/preview/<str:language>/", admin_views.preview, name="preview"),
    path("<id:pk>/test/", admin_views.test_send, name="test_send"),
    path("<id:pk>/send/", admin_views.send_now, name="send_now"),
    path("<id:pk>/schedule/", admin_views.schedule, name="schedule"),
    path("<id:pk>/cancel/", admin_views.cancel, name="cancel"),
]
