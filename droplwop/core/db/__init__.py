"""Database backends of our own (see each one's module)."""
