"""aiosmtpd with smtp_sink.Sink, listening on the bound socket it is given as standard input.

The test binds the socket first and holds it, so no other process can take the port between
choosing it and serving on it. Prints "ready" once it accepts connections.
Run: PYTHONPATH=<this dir> SINK_FILE=... python3 smtp_sink_server.py < bound-socket
"""
import asyncio
import os
import socket
import sys

from aiosmtpd.smtp import SMTP

from smtp_sink import Sink


async def main():
    sock = socket.socket(fileno=os.dup(0))
    handler = Sink()
    server = await asyncio.get_running_loop().create_server(lambda: SMTP(handler), sock=sock)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
