from django.core.files.storage import storages


def private_storage():
    """STORAGES["private"]: outside MEDIA_ROOT, no URL; files leave only through checked views."""
    return storages["private"]
