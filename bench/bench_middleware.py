"""What each middleware costs on an anonymous GET (issue 15), in-process, without a server.

For a path, the time of one request through the first k middlewares of MIDDLEWARE, for
k = 0 … all (a prefix keeps every middleware's dependencies): the step from k-1 to k is the
k-th middleware's cost. The handler is
Django's WSGIHandler called with a WSGI environ, so the figures include request parsing and
response building but no socket. Environment: BENCH_N (requests per measure, 3000),
BENCH_PATHS (comma-separated, default "/ping,/api/v1/health").
"""

import io
import os
import time

from _common import setup


def environ(path: str) -> dict:
    path_info, _sep, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9,en;q=0.8",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }


def per_request_us(handler, path: str, n: int) -> float:
    def call():
        body = handler(environ(path), lambda status, headers, exc_info=None: None)
        b"".join(body)
        body.close()

    for _ in range(200):
        call()
    rounds = []
    for _ in range(5):  # the best of five rounds: the machine is shared
        start = time.perf_counter()
        for _ in range(n // 5):
            call()
        rounds.append((time.perf_counter() - start) / (n // 5) * 1e6)
    return min(rounds)


def main() -> None:
    setup("middleware")
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings

    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    n = int(os.environ.get("BENCH_N", "3000"))
    paths = os.environ.get("BENCH_PATHS", "/ping,/api/v1/health").split(",")
    full = list(settings.MIDDLEWARE)
    for path in paths:
        timings = []
        for k in range(len(full) + 1):
            with override_settings(MIDDLEWARE=full[:k]):
                timings.append(per_request_us(WSGIHandler(), path, n))
        print(f"{path} : {timings[-1]:.0f} µs par requête avec tout le middleware, {timings[0]:.0f} µs sans")
        for k, name in enumerate(full, start=1):
            print(f"  {name} : {timings[k] - timings[k - 1]:+.0f} µs", flush=True)


if __name__ == "__main__":
    main()
