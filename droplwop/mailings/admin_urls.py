from django.urls import path

from . import admin_views

app_name = "mailings_admin"
urlpatterns = [
    path("<int:pk>/", admin_views.dashboard, name="dashboard"),
    path("<int:pk>/preview/<str:language>/", admin_views.preview, name="preview"),
    path("<int:pk>/test/", admin_views.test_send, name="test_send"),
    path("<int:pk>/send/", admin_views.send_now, name="send_now"),
    path("<int:pk>/schedule/", admin_views.schedule, name="schedule"),
    path("<int:pk>/cancel/", admin_views.cancel, name="cancel"),
]
