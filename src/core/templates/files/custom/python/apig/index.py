# -*- coding:utf-8 -*-
# A custom runtime written in Python, behind API Gateway (APIG). `bootstrap` starts this program; it
# fetches events from the runtime API in a loop and answers each in the gateway format.
import json
import os
import time
import urllib.request

BASE = "http://%s/v1/runtime/invocation" % os.environ["RUNTIME_API_ADDR"]


def handle_event(event, request_id):
    """Your code: turn one APIG request into {statusCode, headers, body, isBase64Encoded}."""
    print("Processing %s %s (request %s)" % (event.get("httpMethod"), event.get("path"), request_id))
    name = (event.get("queryStringParameters") or {}).get("name", "FunctionGraph")
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"message": "Hello, %s!" % name, "path": event.get("path")}),
        "isBase64Encoded": False,
    }


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
