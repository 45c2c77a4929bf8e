package com.example.fg;

import com.google.gson.annotations.SerializedName;
import com.huawei.services.runtime.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A function subscribed to an SMN topic. Each record carries one notification. */
public class Handler {
    public static class SmnEvent {
        List<SmnRecord> record;
    }

    public static class SmnRecord {
        Smn smn;
    }

    public static class Smn {
        String subject;
        String message;
        @SerializedName("topic_urn") String topicUrn;
    }

    public Map<String, Object> handleRequest(SmnEvent event, Context context) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (SmnRecord record : event.record) {
            context.getLogger().info("SMN message \"" + record.smn.subject + "\" from " + record.smn.topicUrn);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("subject", record.smn.subject);
            item.put("message", record.smn.message);
            item.put("topic", record.smn.topicUrn);
            messages.add(item);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("received", messages.size());
        result.put("messages", messages);
        return result;
    }
}
