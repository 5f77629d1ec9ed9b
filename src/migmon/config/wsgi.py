"""WSGI entry point used by ``make run`` (granian), ``make dev`` and the benches.

Stored API answers are served first, before Django's handler (:mod:`migmon.api.replay`). A finished
(non-streaming) answer is handed to the server as one bytes object: granian then writes it in one go instead of
iterating the response in Python. Closing the response first sends Django's ``request_finished`` as the server
would after writing; streaming and file answers are passed through unchanged.
"""

import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migmon.config.settings.production")
django_application = get_wsgi_application()

from migmon.api.replay import ReplayingApplication  # noqa: E402  (Django is set up above)


def django_answer(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    response = django_application(environ, start_response)
    if isinstance(response, HttpResponse) and not response.streaming:
        body = response.content
        response.close()
        return [body]
    return response


application = ReplayingApplication(django_answer)
