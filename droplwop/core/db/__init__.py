"""Database code of our own: backends (postgresql/) and the raw SQL the app needs (one module
per job, each with a narrow interface)."""
