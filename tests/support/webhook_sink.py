#!/usr/bin/python3
"""A webhook receiver for tests: saves every POSTed body, as a file, in a directory.

    /usr/bin/python3 webhook_sink.py DIRECTORY [--status CODE] [--fail-first N] [--envelope]

Listens on 127.0.0.1 on a free port and prints `listening on PORT` once it answers. Each body
becomes DIRECTORY/NNNNNN.json (numbered in order of arrival); the answer is CODE (204 unless
given), or 500 to the first N requests, or 415 for a body that is not sent as application/json.
With --envelope a file is {"status": the answer, "signature": the X-Boxoffice-Signature header,
"body": the body as received} instead. Stops on SIGTERM or SIGINT.
"""
import json
import argparse
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


def handler_for(directory, status, fail_first, envelope):
    count = 0  # HTTPServer handles one request at a time

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            nonlocal count
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.headers.get_content_type() != "application/json":
                self.answer(415)
                return
            count += 1
            code = 500 if count <= fail_first else status
            if envelope:
                body = json.dumps({
                    "status": code,
                    "signature": self.headers.get("X-Boxoffice-Signature", ""),
                    "body": body.decode("utf-8"),
                }).encode("utf-8")
            name = os.path.join(directory, f"{count:06d}.json")
            # Written under another name and renamed, so that a reader never sees half a body.
            with open(name + ".partial", "wb") as f:
                f.write(body)
            os.rename(name + ".partial", name)
            self.answer(code)

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
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--envelope", action="store_true")
    args = parser.parse_args()
    server = HTTPServer(("127.0.0.1", 0),
                        handler_for(args.directory, args.status, args.fail_first, args.envelope))
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
