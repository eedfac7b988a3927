from django.urls import path

from . import views

urlpatterns = [
    path("register/<id:page_id>/", views.register, name="register"),
    path("registered/<id:page_id>/", views.registered, name="registered"),
    path("my/<str:token>/", views.manage, name="manage"),
    path("my/<str:token>/calendar.ics", views.private_feed, name="private_feed"),
    path("calendar.ics", views.all_events_feed, name="all_feed"),
    path("calendar/<slug:slug>.ics", views.event_feed, name="event_feed"),
]
