"""Hooks for retry libraries and task queues, and Django email backends that raise SES classes.

One module per library. The retry hooks (``stamina``, ``tenacity``, ``celery``) do not import
their library: each is typed by the small part of the library's interface it uses. The Django
backends (``anymail``, ``django_ses``) subclass their library's backend, so they import it.
"""

__all__: list[str] = []
