package com.example.fg;

import com.google.gson.annotations.SerializedName;
import com.huawei.services.runtime.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function run by a timer trigger. {@code user_event} holds the additional information configured on
 * the trigger, as a string.
 */
public class Handler {
    public static class TimerEvent {
        String version;
        String time;
        @SerializedName("trigger_type") String triggerType;
        @SerializedName("trigger_name") String triggerName;
        @SerializedName("user_event") String userEvent;
    }

    public Map<String, Object> handleRequest(TimerEvent event, Context context) {
        context.getLogger().info("Timer " + event.triggerName + " fired at " + event.time);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("trigger", event.triggerName);
        result.put("time", event.time);
        result.put("payload", event.userEvent);
        return result;
    }
}
