# -*- coding:utf-8 -*-
# A function run for Cloud Trace Service audit records: who did what to which resource.


def handler(event, context):
    trace = event["cts"]
    who = (trace.get("user") or {}).get("name", "unknown")
    context.getLogger().info("%s %s on %s %s %s" % (
        who, trace.get("trace_name"), trace.get("service_type"), trace.get("resource_type"), trace.get("resource_name")))
    return {"user": who, "operation": trace.get("trace_name"), "service": trace.get("service_type"),
            "resource": trace.get("resource_name"), "status": trace.get("trace_status")}
