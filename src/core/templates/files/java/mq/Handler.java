package com.example.fg;

import com.google.gson.annotations.SerializedName;
import com.huawei.services.runtime.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function run by a message queue trigger (DMS for Kafka, open-source Kafka, RocketMQ, RabbitMQ).
 * Messages arrive in batches, as strings, grouped by topic.
 */
public class Handler {
    public static class MqEvent {
        @SerializedName("trigger_type") String triggerType;
        @SerializedName("instance_id") String instanceId;
        List<MqRecord> records;
    }

    public static class MqRecord {
        @SerializedName("topic_id") String topicId;
        List<String> messages;
    }

    public Map<String, Object> handleRequest(MqEvent event, Context context) {
        int count = 0;
        for (MqRecord record : event.records) {
            for (String message : record.messages) {
                count++;
                context.getLogger().info(event.triggerType + " " + record.topicId + ": " + message);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("trigger", event.triggerType);
        result.put("instance", event.instanceId);
        result.put("messages", count);
        return result;
    }
}
