from django.urls import path

from . import views

urlpatterns = [
    path("preferences/<str:token>/", views.preferences, name="preferences"),
]
