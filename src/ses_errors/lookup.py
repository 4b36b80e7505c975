"""The classes by wire code, by name and by HTTP status, as the one resolver picks them."""

from ses_errors._base import class_for_code, class_for_name, class_for_status

__all__ = ["class_for_code", "class_for_name", "class_for_status"]
