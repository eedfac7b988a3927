from django.urls import path

from . import views

urlpatterns = [
    path("give/<id:page_id>/", views.give, name="give"),
    path("thanks/<str:token>/", views.thanks, name="thanks"),
    path("pledge/<id:page_id>/<slug:slug>/", views.pledge, name="pledge"),
    path("pledge/thanks/<str:token>/", views.pledge_thanks, name="pledge_thanks"),
    path("pledge/pay/<str:token>/", views.pay_pledge, name="pay_pledge"),
    path("monthly/<str:token>/", views.monthly, name="monthly"),
    path("yearly-summary/", views.summary, name="summary"),
]

# Stripe calls this without a language prefix; the address is set in Stripe's dashboard.
unlocalized_urlpatterns = [
    path("donations/stripe/webhook/", views.stripe_webhook, name="donations_stripe_webhook"),
]
