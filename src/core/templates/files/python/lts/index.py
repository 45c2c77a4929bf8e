# -*- coding:utf-8 -*-
# A function subscribed to LTS logs. `lts.data` is base64 of a JSON object whose `logs` field is
# itself a JSON array of log entries.
import base64
import json


def handler(event, context):
    logger = context.getLogger()
    data = json.loads(base64.b64decode(event["lts"]["data"]).decode("utf-8"))
    logs = json.loads(data["logs"])
    for entry in logs:
        logger.info("%s %s: %s" % (entry.get("host_name"), entry.get("path"), entry.get("message")))
    return {"logGroup": data.get("log_group_id"), "logTopic": data.get("log_topic_id"), "lines": len(logs)}
