package com.example.fg;

import com.google.gson.annotations.SerializedName;
import com.huawei.services.runtime.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** A function run for Cloud Trace Service audit records: who did what to which resource. */
public class Handler {
    public static class CtsEvent {
        Trace cts;
    }

    public static class Trace {
        @SerializedName("trace_name") String traceName;
        @SerializedName("trace_status") String traceStatus;
        @SerializedName("service_type") String serviceType;
        @SerializedName("resource_type") String resourceType;
        @SerializedName("resource_name") String resourceName;
        User user;
    }

    public static class User {
        String name;
    }

    public Map<String, Object> handleRequest(CtsEvent event, Context context) {
        Trace trace = event.cts;
        String who = trace.user != null && trace.user.name != null ? trace.user.name : "unknown";
        context.getLogger().info(who + " " + trace.traceName + " on " + trace.serviceType + " " + trace.resourceType + " " + trace.resourceName);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("user", who);
        result.put("operation", trace.traceName);
        result.put("service", trace.serviceType);
        result.put("resource", trace.resourceName);
        result.put("status", trace.traceStatus);
        return result;
    }
}
