from django.urls import path

from . import views

urlpatterns = []

# No language in these addresses: they are written into email headers and called by providers.
unlocalized_urlpatterns = [
    path("mail/unsubscribe/<str:token>/", views.unsubscribe, name="mailings_unsubscribe"),
    path(
        "mail/webhooks/<slug:provider>/tracking/",
        views.tracking_webhook,
        name="mailings_tracking_webhook",
    ),
    path(
        "mail/webhooks/<slug:provider>/inbound/",
        views.inbound_webhook,
        name="mailings_inbound_webhook",
    ),
]
