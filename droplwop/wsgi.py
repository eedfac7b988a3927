import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "droplwop.settings.base")
django_application = get_wsgi_application()

# Both need the settings, and QuickSign the apps, loaded above.
from droplwop.core.flood_gate import FloodGate  # noqa: E402
from droplwop.petitions.quick_sign import QuickSign  # noqa: E402

application = FloodGate(QuickSign(django_application))
