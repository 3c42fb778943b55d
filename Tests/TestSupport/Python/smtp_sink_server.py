"""aiosmtpd with smtp_sink.Sink, listening on the bound socket it is given as standard input.

The test binds the socket first and holds it, so no other process can take the port between
choosing it and serving on it. Prints "ready" once it accepts connections.
Run: PYTHONPATH=<this dir> SINK_FILE=... python3 smtp_sink_server.py < bound-socket
SINK_AUTH=user:password requires that sign-in. SINK_TLS=starttls (with SINK_CERT and SINK_KEY,
PEM files) offers STARTTLS and takes no mail and no sign-in before it; SINK_TLS=implicit speaks
TLS from the first byte (smtps://).
"""
import asyncio
import os
import socket
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

from smtp_sink import Sink


def tls_context():
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(os.environ["SINK_CERT"], os.environ["SINK_KEY"])
    return context


async def main():
    sock = socket.socket(fileno=os.dup(0))
    handler = Sink()
    # SINK_AUTH=user:password: sign-in required before MAIL (530 otherwise), checked against it.
    auth = os.environ.get("SINK_AUTH", "")
    mode = os.environ.get("SINK_TLS", "")
    if mode not in ("", "starttls", "implicit"):
        sys.exit(f"SINK_TLS must be starttls or implicit, not {mode!r}")
    context = tls_context() if mode else None

    def authenticator(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and f"{data.login.decode()}:{data.password.decode()}" == auth
        return AuthResult(success=ok)

    def make():
        options = {}
        if mode == "starttls":
            # STARTTLS offered and required: MAIL and AUTH before it are refused (530, 538).
            options.update(tls_context=context, require_starttls=True)
        if auth:
            # With STARTTLS, AUTH only once it is done; aiosmtpd cannot tell implicit TLS (it
            # looks for STARTTLS), but there every byte is encrypted from the start.
            options.update(auth_required=True, auth_require_tls=mode == "starttls", authenticator=authenticator)
        return SMTP(handler, **options)

    server = await asyncio.get_running_loop().create_server(
        make, sock=sock, ssl=context if mode == "implicit" else None)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
