#!/usr/bin/python3
"""A text-message provider's webhook for tests: saves every POSTed body, as a file, in a directory.

    /usr/bin/python3 webhook_sink.py DIRECTORY [--status CODE]

Listens on 127.0.0.1 on a free port and prints `listening on PORT` once it answers. Each body
becomes DIRECTORY/NNNNNN.json (numbered in order of arrival); the answer is CODE (204 unless
given), or 415 for a body that is not sent as application/json. Stops on SIGTERM or SIGINT.
"""
import argparse
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


def handler_for(directory, status):
    count = 0  # HTTPServer handles one request at a time

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            nonlocal count
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.headers.get_content_type() != "application/json":
                self.answer(415)
                return
            count += 1
            name = os.path.join(directory, f"{count:06d}.json")
            # Written under another name and renamed, so that a reader never sees half a body.
            with open(name + ".partial", "wb") as f:
                f.write(body)
            os.rename(name + ".partial", name)
            self.answer(status)

        def answer(self, code):
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format, *args):
            pass  # the test's output is for the test

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--status", type=int, default=204)
    args = parser.parse_args()
    server = HTTPServer(("127.0.0.1", 0), handler_for(args.directory, args.status))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"listening on {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
