"""aiosmtpd with smtp_sink.Sink, listening on the bound socket it is given as standard input.

The test binds the socket first and holds it, so no other process can take the port between
choosing it and serving on it. Prints "ready" once it accepts connections.
Run: PYTHONPATH=<this dir> SINK_FILE=... python3 smtp_sink_server.py < bound-socket
"""
import asyncio
import os
import socket
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

from smtp_sink import Sink


async def main():
    sock = socket.socket(fileno=os.dup(0))
    handler = Sink()
    # SINK_AUTH=user:password: sign-in required before MAIL (530 otherwise), checked against it.
    auth = os.environ.get("SINK_AUTH", "")

    def authenticator(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and f"{data.login.decode()}:{data.password.decode()}" == auth
        return AuthResult(success=ok)

    def make():
        if not auth:
            return SMTP(handler)
        return SMTP(handler, auth_required=True, auth_require_tls=False, authenticator=authenticator)

    server = await asyncio.get_running_loop().create_server(make, sock=sock)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
