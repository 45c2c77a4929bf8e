# -*- coding:utf-8 -*-
# A function subscribed to an SMN topic. Each record carries one notification.


def handler(event, context):
    logger = context.getLogger()
    messages = []
    for record in event.get("record", []):
        smn = record["smn"]
        logger.info('SMN message "%s" from %s' % (smn.get("subject"), smn.get("topic_urn")))
        messages.append({"subject": smn.get("subject"), "message": smn.get("message"), "topic": smn.get("topic_urn")})
    return {"received": len(messages), "messages": messages}
