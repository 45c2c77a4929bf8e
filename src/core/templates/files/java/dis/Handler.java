package com.example.fg;

import com.google.gson.annotations.SerializedName;
import com.huawei.services.runtime.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A function run for DIS stream records. Each record's data is base64. */
public class Handler {
    public static class DisEvent {
        String StreamName;
        Message Message;
    }

    public static class Message {
        List<DisRecord> records;
    }

    public static class DisRecord {
        @SerializedName("partition_key") String partitionKey;
        @SerializedName("sequence_number") String sequenceNumber;
        String data;
    }

    public Map<String, Object> handleRequest(DisEvent event, Context context) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (DisRecord record : event.Message.records) {
            String data = new String(Base64.getDecoder().decode(record.data), StandardCharsets.UTF_8);
            context.getLogger().info(event.StreamName + " #" + record.sequenceNumber + " (" + record.partitionKey + "): " + data);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sequence", record.sequenceNumber);
            item.put("partitionKey", record.partitionKey);
            item.put("data", data);
            records.add(item);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stream", event.StreamName);
        result.put("records", records);
        return result;
    }
}
