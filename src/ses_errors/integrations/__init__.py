"""Hooks that fit SES's retry decisions and schedule into retry libraries and task queues.

One module per library (``stamina``, ``tenacity``, ``celery``). None of them imports its
library: each hook is typed by the small part of the library's interface it uses.
"""

__all__: list[str] = []
