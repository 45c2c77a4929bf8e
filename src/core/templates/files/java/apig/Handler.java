package com.example.fg;

import com.huawei.services.runtime.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An API Gateway (APIG) backend. APIG passes the HTTP request as the event; the function must answer
 * in the gateway's format {statusCode, headers, body, isBase64Encoded}, or APIG replies 500.
 */
public class Handler {
    /** The parts of the APIG event this function reads (the runtime fills them from the JSON). */
    public static class ApigRequest {
        String httpMethod;
        String path;
        String body;
        boolean isBase64Encoded;
        Map<String, String> headers;
        Map<String, String> queryStringParameters;
        Map<String, String> pathParameters;
    }

    public Map<String, Object> handleRequest(ApigRequest request, Context context) {
        String raw = request.body == null ? "" : request.body;
        String text = request.isBase64Encoded ? new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8) : raw;
        context.getLogger().info(request.httpMethod + " " + request.path + " (" + text.length() + " characters)");

        StringBuilder reply = new StringBuilder("{\"method\": ").append(quote(request.httpMethod))
            .append(", \"path\": ").append(quote(request.path))
            .append(", \"query\": ").append(quote(String.valueOf(request.queryStringParameters)))
            .append(", \"body\": ").append(quote(text)).append('}');
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("headers", headers);
        response.put("body", reply.toString());
        response.put("isBase64Encoded", false);
        return response;
    }

    private static String quote(String s) {
        if (s == null) return "null";
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }
}
