"""Raw HTTPS to the SES Query API or v2: from a response object or a status to the classes.

``from_response`` and ``raise_for_ses`` take a requests, httpx or urllib3 response (anything
with a status, headers and a body); ``afrom_response`` and ``araise_for_ses`` an aiohttp or
httpx one. ``error_for_status`` stands for a response whose body is gone.
"""

from ses_errors._api import error_for_status
from ses_errors._http import afrom_response, araise_for_ses, from_response, raise_for_ses
from ses_errors._parse import MAX_BODY_BYTES

__all__ = [
    "MAX_BODY_BYTES",
    "afrom_response",
    "araise_for_ses",
    "error_for_status",
    "from_response",
    "raise_for_ses",
]
