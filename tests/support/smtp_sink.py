#!/usr/bin/python3
"""A real SMTP server for tests: saves every message it accepts, as a file, in a directory.

    /usr/bin/python3 smtp_sink.py DIRECTORY

Listens on 127.0.0.1 on a free port and prints `listening on PORT` once it answers. Each message
becomes DIRECTORY/NNNNNN.eml (numbered in order of arrival): the envelope as X-Envelope-From and
X-Envelope-To lines, then the message exactly as received. Stops on SIGTERM or SIGINT.
"""
import argparse
import errno
import os
import signal
import socket

from aiosmtpd.controller import Controller


class SaveToDirectory:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0  # only the controller's event loop thread touches it

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        lines = [f"X-Envelope-From: {envelope.mail_from}\r\n"]
        lines += [f"X-Envelope-To: {rcpt}\r\n" for rcpt in envelope.rcpt_tos]
        name = os.path.join(self.directory, f"{self.count:06d}.eml")
        # Written under another name and renamed, so that a reader never sees half a message.
        partial = name + ".partial"
        with open(partial, "wb") as f:
            f.write("".join(lines).encode())
            f.write(envelope.original_content)
        os.rename(partial, name)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(handler):
    # The Controller checks that it is up by connecting to the port it was given, so it cannot be
    # given port 0; a port found free can be taken by someone else before it binds, hence retries.
    for _ in range(20):
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        try:
            controller.start()
            return controller
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
    raise RuntimeError("no free port found")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    args = parser.parse_args()
    # Blocked before the server's thread starts, so that the thread inherits the mask and the
    # signals reach sigwait below.
    stop_signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    controller = start(SaveToDirectory(args.directory))
    print(f"listening on {controller.port}", flush=True)
    signal.sigwait(stop_signals)
    controller.stop()


if __name__ == "__main__":
    main()
