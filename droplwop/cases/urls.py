from django.urls import path

from . import views

urlpatterns = [
    path("letters/<id:page_id>/", views.submit_letter, name="submit_letter"),
    path("letters/change/<str:token>/", views.change_letter, name="change_letter"),
]
