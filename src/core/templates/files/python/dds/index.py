# -*- coding:utf-8 -*-
# A function run for DDS (document database) changes. Documents and namespaces arrive as JSON text.
import json


def handler(event, context):
    logger = context.getLogger()
    changes = []
    for record in event.get("records", []):
        ns = json.loads(record["dds"]["ns"])
        document = json.loads(record["dds"]["full_document"])
        logger.info("%s in %s.%s" % (record.get("event_name"), ns.get("db"), ns.get("coll")))
        changes.append({"operation": record.get("event_name"), "database": ns.get("db"),
                        "collection": ns.get("coll"), "document": document})
    return {"changes": changes}
