import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "droplwop.settings.base")

from droplwop.core.flood_gate import FloodGate  # noqa: E402 - needs the settings module set

application = FloodGate(get_wsgi_application())
