package com.example.fg;

import com.huawei.services.runtime.Context;
import com.huawei.services.runtime.RuntimeLogger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A FunctionGraph event function. The platform creates this class once per instance and calls
 * handleRequest with the test event mapped onto its parameter type (here the JSON as a Map) and a
 * Context: request ID, remaining time, environment variables, a logger, and more.
 */
public class Handler {
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        RuntimeLogger logger = context.getLogger();
        logger.info(context.getFunctionName() + " received request " + context.getRequestID());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("message", "Hello from FunctionGraph!");
        result.put("event", event);
        return result;
    }
}
