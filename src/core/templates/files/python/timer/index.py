# -*- coding:utf-8 -*-
# A function run by a timer trigger. `user_event` holds the additional information configured on
# the trigger, as a string.
import json


def handler(event, context):
    context.getLogger().info("Timer %s fired at %s" % (event.get("trigger_name"), event.get("time")))
    payload = event.get("user_event")
    try:
        payload = json.loads(payload)
    except (TypeError, ValueError):
        pass  # plain text is fine too
    return {"trigger": event.get("trigger_name"), "time": event.get("time"), "payload": payload}
