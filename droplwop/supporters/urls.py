from django.urls import path

from . import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/thanks/", views.signup_thanks, name="signup_thanks"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirm/<str:token>/done/", views.confirmed, name="confirmed"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
]
