# -*- coding:utf-8 -*-
# An HTTP function: `bootstrap` starts this web server, which must listen on 127.0.0.1:8000.
# FunctionGraph turns each API Gateway request into a real HTTP request to it; the platform's
# request headers (X-CFF-Request-Id, X-CFF-Func-Name, ...) come with every request.
import json
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

HOST = "127.0.0.1"
PORT = 8000


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def send_json(self, status, value):
        data = json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        print("%s (request %s)" % (fmt % args, self.headers.get("X-CFF-Request-Id", "-")))

    def do_GET(self):
        url = urlparse(self.path)
        if url.path != "/hello":
            return self.send_json(404, {"error": "No route for GET %s" % url.path})
        name = parse_qs(url.query).get("name", ["FunctionGraph"])[0]
        self.send_json(200, {"message": "Hello, %s!" % name})

    def do_POST(self):
        url = urlparse(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if url.path != "/hello":
            return self.send_json(404, {"error": "No route for POST %s" % url.path})
        try:
            body = json.loads(raw.decode("utf-8") or "{}")
        except ValueError as exc:
            return self.send_json(400, {"error": "The body is not JSON: %s" % exc})
        self.send_json(200, {"message": "Hello, %s!" % body.get("name", "FunctionGraph"), "received": body})


if __name__ == "__main__":
    print("Listening on http://%s:%d" % (HOST, PORT))
    HTTPServer((HOST, PORT), Handler).serve_forever()
