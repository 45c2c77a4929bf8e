# -*- coding:utf-8 -*-
# A function run by a message queue trigger (DMS for Kafka, open-source Kafka, RocketMQ,
# RabbitMQ). Messages arrive in batches, as strings, grouped by topic.


def handler(event, context):
    logger = context.getLogger()
    count = 0
    for record in event.get("records", []):
        for message in record.get("messages", []):
            count += 1
            logger.info("%s %s: %s" % (event.get("trigger_type"), record.get("topic_id"), message))
    return {"trigger": event.get("trigger_type"), "instance": event.get("instance_id"), "messages": count}
