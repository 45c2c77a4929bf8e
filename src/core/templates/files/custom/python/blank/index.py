# -*- coding:utf-8 -*-
# A custom runtime written in Python. `bootstrap` starts this program; it fetches events from the
# runtime API in a loop, handles each, and posts the result (or an error) back.
import json
import os
import time
import urllib.request

BASE = "http://%s/v1/runtime/invocation" % os.environ["RUNTIME_API_ADDR"]


def handle_event(event, request_id):
    """Your code: turn one event into a result."""
    print("Processing request %s" % request_id)
    return {"message": "Hello from a Python custom runtime", "requestId": request_id, "event": event}


def post(path, payload):
    data = json.dumps(payload).encode("utf-8")
    req = urllib.request.Request(BASE + path, data=data, method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req).read()


def main():
    while True:
        try:
            with urllib.request.urlopen(BASE + "/request") as res:
                request_id = res.headers.get("X-Cff-Request-Id")
                body = res.read()
        except OSError:
            time.sleep(0.05)
            continue
        if not request_id:
            time.sleep(0.05)
            continue
        try:
            result = handle_event(json.loads(body), request_id)
            post("/response/" + request_id, result)
        except Exception as exc:
            post("/error/" + request_id, {"errorType": type(exc).__name__, "errorMessage": str(exc)})


if __name__ == "__main__":
    main()
