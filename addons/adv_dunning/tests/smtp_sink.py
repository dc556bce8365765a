# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A tiny SMTP server for tests: it listens on 127.0.0.1, speaks enough SMTP
for smtplib (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and records each
message it accepts with its envelope. No authentication, no encryption."""

import email
import socket
import socketserver
import threading
import time
from collections import Counter


def free_port():
    """A local TCP port that nothing listens on (connecting is refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _SmtpHandler(socketserver.StreamRequestHandler):
    timeout = 10

    def reply(self, line):
        self.wfile.write(line.encode("ascii") + b"\r\n")

    def read_line(self):
        line = self.rfile.readline(65536)
        if not line:
            raise ConnectionAbortedError("client went away")
        return line

    def receive_data(self, sink, mail_from, rcpt_to):
        """The message after DATA, up to the lone dot, recorded in ``sink``."""
        self.reply("354 End data with <CR><LF>.<CR><LF>")
        data = []
        while True:
            chunk = self.read_line()
            if chunk in (b".\r\n", b".\n"):
                break
            data.append(chunk[1:] if chunk.startswith(b".") else chunk)
        if sink.delay:
            time.sleep(sink.delay)
        sink.record(mail_from, rcpt_to, b"".join(data))

    def handle(self):
        sink = self.server.sink
        mail_from, rcpt_to = None, []
        self.reply("220 sink.localhost ESMTP test sink")
        while True:
            try:
                line = self.read_line().decode("ascii", "replace").rstrip("\r\n")
            except (ConnectionAbortedError, OSError):
                return
            verb, _sep, arg = line.partition(" ")
            verb = verb.upper()
            if verb == "EHLO":
                self.reply("250-sink.localhost")
                self.reply("250 8BITMIME")
            elif verb == "HELO":
                self.reply("250 sink.localhost")
            elif verb == "MAIL":
                mail_from, rcpt_to = _address(arg), []
                self.reply("250 OK")
            elif verb == "RCPT":
                if mail_from is None:
                    self.reply("503 MAIL first")
                elif _address(arg) in sink.refuse:
                    self.reply("550 No such user here")
                else:
                    rcpt_to.append(_address(arg))
                    self.reply("250 OK")
            elif verb == "DATA":
                if not rcpt_to:
                    self.reply("503 RCPT first")
                    continue
                self.receive_data(sink, mail_from, rcpt_to)
                mail_from, rcpt_to = None, []
                self.reply("250 OK queued")
            elif verb == "RSET":
                mail_from, rcpt_to = None, []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


def _address(arg):
    """The address of 'FROM:<a@b> SIZE=1' or 'TO:<a@b>'."""
    _key, _sep, value = arg.partition(":")
    return value.strip().split(" ")[0].strip("<>").lower()


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SmtpSink:
    """Start with ``start()``, stop with ``stop()``; ``messages`` lists
    (mail_from, recipients, email.message.Message) in the order received.
    Recipients in ``refuse`` get a permanent 550 at RCPT; ``delay`` seconds
    pass before each message is accepted (a slow server)."""

    def __init__(self, port, refuse=(), delay=0.0):
        self.port = port
        self.refuse = {address.lower() for address in refuse}
        self.delay = delay
        self.messages = []
        self._lock = threading.Lock()
        self._server = None
        self._thread = None

    def record(self, mail_from, rcpt_to, data):
        with self._lock:
            self.messages.append((mail_from, list(rcpt_to), email.message_from_bytes(data)))

    def per_recipient(self):
        """How many messages each envelope recipient received."""
        with self._lock:
            return Counter(rcpt for _from, rcpts, _msg in self.messages for rcpt in rcpts)

    def start(self):
        self._server = _Server(("127.0.0.1", self.port), _SmtpHandler)
        self._server.sink = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self):
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)
            self._server = self._thread = None
