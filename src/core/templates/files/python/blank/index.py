# -*- coding:utf-8 -*-
# A FunctionGraph event function. The platform calls `handler` with the parsed test event and a
# context: request ID, remaining time, environment variables, a logger, and more.


def handler(event, context):
    logger = context.getLogger()
    logger.info("%s received request %s" % (context.getFunctionName(), context.getRequestID()))
    return {
        "message": "Hello from FunctionGraph!",
        "event": event,
    }
