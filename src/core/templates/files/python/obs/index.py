# -*- coding:utf-8 -*-
# A function run when objects change in an OBS bucket. Each record names the bucket, the object
# key and its size; fetch the object with the OBS SDK if you need its content.
from urllib.parse import unquote_plus


def handler(event, context):
    logger = context.getLogger()
    objects = []
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        obj = record["s3"]["object"]
        logger.info("%s: obs://%s/%s (%s bytes)" % (record.get("eventName"), bucket, obj["key"], obj.get("size")))
        objects.append({"event": record.get("eventName"), "bucket": bucket, "key": unquote_plus(obj["key"]), "size": obj.get("size")})
    return {"processed": len(objects), "objects": objects}
