"""Who may export or delete an account: the person themselves, signed in."""

from community.communities.permissions import is_active_account


def can_export_data(user) -> bool:
    return is_active_account(user)


def can_delete_account(user) -> bool:
    """Everyone but admins (another admin makes them a member first)."""
    return is_active_account(user) and not user.is_admin


def can_download_export(user, export) -> bool:
    return is_active_account(user) and export.user_id == user.id and export.is_ready


TEMPLATE_PREDICATES = (can_export_data, can_delete_account)
