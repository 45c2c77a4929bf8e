package com.example.fg;

import com.google.gson.annotations.SerializedName;
import com.huawei.services.runtime.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A function run for DDS (document database) changes. Documents and namespaces arrive as JSON text. */
public class Handler {
    public static class DdsEvent {
        List<DdsRecord> records;
    }

    public static class DdsRecord {
        @SerializedName("event_name") String eventName;
        Dds dds;
    }

    public static class Dds {
        String ns;
        @SerializedName("full_document") String fullDocument;
    }

    public Map<String, Object> handleRequest(DdsEvent event, Context context) {
        List<Map<String, Object>> changes = new ArrayList<>();
        for (DdsRecord record : event.records) {
            context.getLogger().info(record.eventName + " in " + record.dds.ns);
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("operation", record.eventName);
            change.put("namespace", record.dds.ns);
            change.put("document", record.dds.fullDocument);
            changes.add(change);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changes", changes);
        return result;
    }
}
