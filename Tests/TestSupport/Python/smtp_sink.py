"""aiosmtpd handler for the SMTPClient integration tests.

Run: PYTHONPATH=<this dir> SINK_FILE=... python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink
Each accepted message is appended to SINK_FILE as one JSON line holding the envelope, the
client's address (to prove connection reuse), the TLS version it came over (null in clear text)
and the raw bytes in base64, so the test can check them byte for byte. Recipients in SINK_TEMPFAIL / SINK_PERMFAIL are refused at RCPT
with 451 / 550.
"""
import base64
import json
import os


class Sink:
    def __init__(self):
        self.path = os.environ["SINK_FILE"]
        self.tempfail = set(filter(None, os.environ.get("SINK_TEMPFAIL", "").split(",")))
        self.permfail = set(filter(None, os.environ.get("SINK_PERMFAIL", "").split(",")))

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.tempfail:
            return "451 4.3.0 Mailbox temporarily unavailable"
        if address in self.permfail:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        record = {
            "peer": list(session.peer),
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": tls_version(server),
            "data": base64.b64encode(envelope.original_content).decode("ascii"),
        }
        # Written before the 250 reply, so a successful send means the line is on disk.
        with open(self.path, "a") as sink:
            sink.write(json.dumps(record) + "\n")
            sink.flush()
        return "250 Message accepted"


def tls_version(server):
    """The TLS version of the connection a message came over ("TLSv1.3"), or None in clear text.

    After STARTTLS aiosmtpd's transport is the TLS one; with implicit TLS it was from the start.
    """
    transport = getattr(server, "transport", None)
    ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
    return ssl_object.version() if ssl_object is not None else None
