"""How two email addresses are compared: one rule for sign-ups, imports, donations and bounces.

It sits below services so the import's row checks can use it without loading the services.
"""


def normalize_email(email: str) -> str:
    """Trimmed, lower-case, with an internationalized domain in its ASCII (IDNA) form."""
    email = (email or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or not domain or domain.isascii():
        return email
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return email
