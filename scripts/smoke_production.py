#!/usr/bin/env python3
"""Smoke test of a running Essaim (scripts/run_production.sh), through HTTP only, standard library only.

    python3 scripts/smoke_production.py http://127.0.0.1:8000 [--run-dir var/run]

What a person does, on the demo accounts (`manage.py seed_demo`, password `essaim-demo`):
1. the liveness probe and the home page answer;
2. a carrier signs in, runs an orientation and sends a contact request to a programme (a write);
3. a local authority's viewer signs in and asks for a report file, which the task worker produces;
   the file is downloaded and read.
With --run-dir, it also checks that every app server (web-N.access.log) served requests.

The site is expected behind a TLS proxy (BEHIND_TLS_PROXY=true): requests carry
`X-Forwarded-Proto: https`, as the proxy would add, and cookies marked Secure are sent back.
Exit status 0 when every step passed; each step prints one line.
"""

from __future__ import annotations

import argparse
import http.client
import re
import sys
import time
import urllib.parse
from pathlib import Path

PASSWORD = "essaim-demo"
CARRIER = "porteur@demo.essaim.fr"
VIEWER = "occitanie@demo.essaim.fr"


class Failure(Exception):
    pass


class Browser:
    """Cookies, CSRF and the proxy's headers; one keep-alive-free connection per request."""

    def __init__(self, base: str):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.origin = f"https://{self.host}:{self.port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, bytes]:
        headers = {"X-Forwarded-Proto": "https", "Host": f"{self.host}:{self.port}", "Accept-Language": "fr"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(form, doseq=True).encode()
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": self.origin,
                    "Referer": self.origin + path,
                }
            )
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _sep, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content

    def get(self, path: str, expect: int = 200) -> bytes:
        status, headers, content = self.request("GET", path)
        if status != expect:
            raise Failure(f"GET {path} : {status} au lieu de {expect} ({headers.get('location', '')})")
        return content

    def post(self, path: str, form: dict, expect: int = 302) -> str:
        status, headers, content = self.request("POST", path, form)
        if status != expect:
            raise Failure(f"POST {path} : {status} au lieu de {expect} — {content[:300]!r}")
        return headers.get("location", "")

    def login(self, email: str) -> None:
        self.cookies.clear()
        self.get("/compte/connexion/")
        location = self.post("/compte/connexion/", {"email": email, "password": PASSWORD})
        if "connexion" in location:
            raise Failure(f"connexion refusée pour {email} (redirigé vers {location})")


def step(label: str, action):
    started = time.monotonic()
    result = action()
    print(f"ok  {label} ({(time.monotonic() - started) * 1000:.0f} ms)")
    return result


def smoke(base: str, run_dir: Path | None) -> None:
    browser = Browser(base)
    step("sonde /ping", lambda: browser.get("/ping"))
    step("page d'accueil", lambda: browser.get("/"))

    step(f"connexion du porteur {CARRIER}", lambda: browser.login(CARRIER))
    query = "place=34172&stage=emergence"
    page = step(
        "orientation (Montpellier, émergence)", lambda: browser.get(f"/orientation/resultats/?{query}")
    )
    slugs = re.findall(rb'href="/orientation/contact/([\w-]+)/', page)
    if not slugs:
        raise Failure("orientation : aucun dispositif proposé à Montpellier")
    slug = slugs[0].decode()
    contact = {
        "name": "Porteuse de démonstration",
        "email": CARRIER,
        "message": "Test de fumée : merci d'ignorer ce message.",
        "consent": "on",
    }
    location = step(
        f"écriture : demande de contact à {slug}",
        lambda: browser.post(f"/orientation/contact/{slug}/?{query}", contact),
    )
    done = browser.get(location)
    if "Votre demande a été transmise".encode() not in done:
        raise Failure("demande de contact : pas de confirmation")

    step(f"connexion de la collectivité {VIEWER}", lambda: browser.login(VIEWER))
    location = step(
        "demande d'un fichier de rapport (CSV, Occitanie)",
        lambda: browser.post("/rapports/territoire/region/76/produire/", {"format": "csv"}),
    )
    file_id = re.search(r"/rapports/fichiers/(\d+)/", location)
    if not file_id:
        raise Failure(f"rapport : redirection inattendue {location}")
    status_path = f"/rapports/fichiers/{file_id.group(1)}/"

    def produced():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if b"/telecharger/" in browser.get(status_path):
                return
            time.sleep(0.5)
        raise Failure("rapport : pas produit par le worker en 120 s")

    step("fichier produit par le worker", produced)
    data = step("téléchargement du fichier", lambda: browser.get(status_path + "telecharger/"))
    text = data.decode("utf-8-sig")
    if not text.startswith("Rapport;Occitanie"):
        raise Failure(f"rapport : contenu inattendu {text[:80]!r}")

    if run_dir is not None:

        def every_server_served():
            logs = sorted(run_dir.glob("web-*.access.log"))
            counts = {log.name: sum(1 for _ in log.open()) for log in logs}
            if len(counts) < 2 or not all(counts.values()):
                raise Failure(f"serveurs d'application : {counts}")
            return counts

        counts = step("chaque serveur d'application a servi", every_server_served)
        print("    requêtes par serveur : " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--run-dir", type=Path, help="RUN_DIR of run_production.sh, to check both servers.")
    args = parser.parse_args()
    try:
        smoke(args.base, args.run_dir)
    except (Failure, OSError) as exc:
        print(f"ÉCHEC {exc}")
        return 1
    print("Test de fumée réussi.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
