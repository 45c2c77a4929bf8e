# -*- coding:utf-8 -*-
# A function run for DIS stream records. Each record's data is base64.
import base64


def handler(event, context):
    logger = context.getLogger()
    records = []
    for record in event["Message"].get("records", []):
        data = base64.b64decode(record["data"]).decode("utf-8")
        logger.info("%s #%s (%s): %s" % (event.get("StreamName"), record.get("sequence_number"), record.get("partition_key"), data))
        records.append({"sequence": record.get("sequence_number"), "partitionKey": record.get("partition_key"), "data": data})
    return {"stream": event.get("StreamName"), "records": records}
