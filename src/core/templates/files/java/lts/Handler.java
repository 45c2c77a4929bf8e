package com.example.fg;

import com.huawei.services.runtime.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function subscribed to LTS logs. {@code lts.data} is base64 of a JSON object whose {@code logs}
 * field is itself a JSON array of log entries; parse it with the JSON library you package.
 */
public class Handler {
    public static class LtsEvent {
        Lts lts;
    }

    public static class Lts {
        String data;
    }

    public Map<String, Object> handleRequest(LtsEvent event, Context context) {
        String data = new String(Base64.getDecoder().decode(event.lts.data), StandardCharsets.UTF_8);
        context.getLogger().info("LTS delivered " + data.length() + " characters of logs");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("characters", data.length());
        result.put("data", data);
        return result;
    }
}
