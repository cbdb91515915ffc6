#!/usr/bin/python3
"""A controllable SMTP server on loopback for the outbox tests.

Usage: server.py PORTFILE MAILDIR [--delay-data SECONDS] [--fail-first N] [--fail-code CODE]

Listens on 127.0.0.1 on a free port and writes that port to PORTFILE (whole, through a rename)
once it accepts connections. Every message it ACCEPTS is saved as MAILDIR/<n>.eml, and only
then is the 250 reply to DATA sent: a client killed before the 250 leaves no file.

  --delay-data SECONDS  wait this long before answering DATA (a slow server: time to kill
                        the client in the middle of a transaction)
  --fail-first N        refuse the first N messages at DATA with --fail-code
  --fail-code CODE      the refusal: 451 (transient, the default) or 550 (permanent)
  --auth USER:PASSWORD  require this login (AUTH PLAIN/LOGIN, allowed without TLS here)

MAILDIR/events.log gets one line per event, flushed at once, so a test can follow the server:
  data <n> <message-id>    a message arrived and is held for --delay-data
  accept <n> <message-id>  saved, 250 about to be sent
  refuse <n> <message-id>  refused with --fail-code
  abort <n> <message-id>   the client went away while the message was held: not saved

Needs Debian's python3-aiosmtpd (run with /usr/bin/python3). Stops on SIGTERM or SIGINT.
"""

import argparse
import asyncio
import email
import os
import signal
import socket
import sys

try:
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError:
    sys.stderr.write("server.py: aiosmtpd is missing: apt-get install python3-aiosmtpd\n")
    sys.exit(3)


class Handler:
    def __init__(self, maildir, delay, fail_first, fail_code):
        self.maildir = maildir
        self.delay = delay
        self.fail_first = fail_first
        self.fail_code = fail_code
        self.received = 0
        self.accepted = 0
        self.log = open(os.path.join(maildir, "events.log"), "a", encoding="utf-8")

    def event(self, *words):
        self.log.write(" ".join(str(w) for w in words) + "\n")
        self.log.flush()

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        n = self.received
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        message_id = email.message_from_bytes(content).get("Message-ID", "-").strip()
        self.event("data", n, message_id)
        if n <= self.fail_first:
            self.event("refuse", n, message_id)
            if self.fail_code.startswith("5"):
                return f"{self.fail_code} 5.7.1 refused by the test server"
            return f"{self.fail_code} 4.3.0 try again later (test server)"
        try:
            if self.delay > 0:
                await asyncio.sleep(self.delay)
        except asyncio.CancelledError:
            self.event("abort", n, message_id)
            raise
        if server.transport is None or server.transport.is_closing():
            self.event("abort", n, message_id)
            return "421 4.3.0 client gone"
        self.accepted += 1
        name = os.path.join(self.maildir, f"{self.accepted:04}.eml")
        with open(name + ".tmp", "wb") as f:
            f.write(content)
        os.rename(name + ".tmp", name)
        self.event("accept", n, message_id)
        return "250 2.0.0 accepted"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("portfile")
    parser.add_argument("maildir")
    parser.add_argument("--delay-data", type=float, default=0.0)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--fail-code", default="451")
    parser.add_argument("--auth", default=None)
    args = parser.parse_args()
    os.makedirs(args.maildir, exist_ok=True)
    handler = Handler(args.maildir, args.delay_data, args.fail_first, args.fail_code)

    loop = asyncio.get_running_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    options = {"hostname": "test.smtp.local"}
    if args.auth is not None:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
                and auth_data.password.decode() == password
            handler.event("login", 0, "ok" if ok else "refused")
            return AuthResult(success=ok, handled=False)

        options.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    server = await loop.create_server(lambda: SMTP(handler, **options), sock=sock)
    port = sock.getsockname()[1]
    with open(args.portfile + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(args.portfile + ".tmp", args.portfile)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
