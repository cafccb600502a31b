#!/usr/bin/python3
"""A real SMTP server for HQ's notifier tests (Debian python3-aiosmtpd).

Accepts mail on 127.0.0.1:<port>, optionally requiring STARTTLS (a self-signed certificate made with openssl) and
AUTH PLAIN/LOGIN with one user and password. Each accepted message is written to <dir>/<epoch-ms>-<n>.eml (written
to a temporary name, then renamed, so a reader never sees half a mail); the file name's time is when the server
accepted it. Prints "ready <port>" once listening; stops on SIGTERM or when stdin closes.
"""
import argparse
import asyncio
import os
import ssl
import subprocess
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        accepted = int(time.time() * 1000)
        name = os.path.join(self.folder, "%d-%d.eml" % (accepted, n))
        with open(name + ".tmp", "wb") as f:
            f.write(("X-Sink-Rcpt: %s\r\n" % ",".join(envelope.rcpt_tos)).encode())
            f.write(("X-Sink-Auth: %s\r\n" % (session.authenticated and "yes" or "no")).encode())
            f.write(("X-Sink-TLS: %s\r\n" % (session.ssl is not None and "yes" or "no")).encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 OK accepted as %d" % n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--starttls", action="store_true")
    p.add_argument("--user")
    p.add_argument("--password")
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    kwargs = {}
    if a.starttls:
        cert = os.path.join(a.dir, "..", "sink-cert.pem")
        key = os.path.join(a.dir, "..", "sink-key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                        "-keyout", key, "-out", cert], check=True, capture_output=True)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        kwargs.update(tls_context=context, require_starttls=True)
    if a.user:
        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == a.user and auth_data.password.decode() == a.password
            return AuthResult(success=ok, handled=False)
        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=a.starttls)
    controller = Controller(Sink(a.dir), hostname="127.0.0.1", port=a.port, **kwargs)
    controller.start()
    print("ready %d" % a.port, flush=True)
    try:
        sys.stdin.read()
    except KeyboardInterrupt:
        pass
    controller.stop()


if __name__ == "__main__":
    main()
