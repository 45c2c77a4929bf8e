# -*- coding:utf-8 -*-
# An API Gateway (APIG) backend. APIG passes the HTTP request as the event; the function must
# answer in the gateway's format {statusCode, headers, body, isBase64Encoded}, or APIG replies 500.
import base64
import json


def handler(event, context):
    raw = event.get("body") or ""
    text = base64.b64decode(raw).decode("utf-8") if event.get("isBase64Encoded") else raw
    context.getLogger().info("%s %s (%d bytes)" % (event.get("httpMethod"), event.get("path"), len(text)))

    reply = {
        "method": event.get("httpMethod"),
        "path": event.get("path"),
        "query": event.get("queryStringParameters") or {},
        "pathParameters": event.get("pathParameters") or {},
        "body": text,
    }
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(reply),
        "isBase64Encoded": False,
    }
