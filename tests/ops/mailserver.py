"""SMTP servers for fault tests: one that is down, one that never answers, and a real one (aiosmtpd)."""

import contextlib
import email
import signal
import socket
import threading
from email.policy import default as default_policy

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SilentServer:
    """Accepts TCP connections and never says a word: the client's timeout decides. Counts the connections."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.accepted = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)  # kept open, never answered

    def close(self):
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self.sock.close()
        for conn in self.accepted:
            conn.close()
        self.thread.join(timeout=2)


class Received:
    """A delivered message, parsed."""

    def __init__(self, envelope):
        self.envelope_to = list(envelope.rcpt_tos)
        self.message = email.message_from_bytes(envelope.original_content, policy=default_policy)
        self.to = [address.addr_spec for address in self.message["To"].addresses]
        self.subject = str(self.message["Subject"]).strip()  # decoded by the default policy; unfolded
        self.message_id = self.message["Message-ID"]
        part = self.message.get_body(preferencelist=("plain", "html"))
        self.body = part.get_content()


class MailServer:
    """A real SMTP server on a thread. While `dropping`, it hangs up on every message instead of accepting it."""

    def __init__(self, port=None):
        self.received = []
        self.dropping = False
        self.accept_then_drop = None  # accept this many more messages, then start dropping
        self.kill_after = None  # (n, process): with n messages received, SIGKILL the process at the next one
        self.lock = threading.Lock()
        self.port = port or free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.accept_then_drop is not None:
                if self.accept_then_drop == 0:
                    self.dropping = True
                    self.accept_then_drop = None
                else:
                    self.accept_then_drop -= 1
            if self.kill_after is not None and len(self.received) >= self.kill_after[0]:
                self.kill_after[1].send_signal(signal.SIGKILL)  # the worker dies mid-conversation
                self.kill_after[1].wait()
                server.transport.close()
                return "421 4.3.0 going away"
            if self.dropping:
                server.transport.close()  # the connection breaks mid-conversation
                return "421 4.3.0 going away"
            self.received.append(Received(envelope))
        return "250 2.0.0 OK"

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def to(self, address):
        return [m for m in self.received if address in m.to]
