package com.example.fg;

import com.huawei.services.runtime.Context;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function run when objects change in an OBS bucket. Each record names the bucket, the object key
 * and its size; fetch the object with the OBS SDK if you need its content.
 */
public class Handler {
    public static class ObsEvent {
        List<ObsRecord> Records;
    }

    public static class ObsRecord {
        String eventName;
        S3 s3;
    }

    public static class S3 {
        Bucket bucket;
        ObsObject object;
    }

    public static class Bucket {
        String name;
    }

    public static class ObsObject {
        String key;
        long size;
    }

    public Map<String, Object> handleRequest(ObsEvent event, Context context) throws UnsupportedEncodingException {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (ObsRecord record : event.Records) {
            String key = URLDecoder.decode(record.s3.object.key, "UTF-8");
            context.getLogger().info(record.eventName + ": obs://" + record.s3.bucket.name + "/" + key + " (" + record.s3.object.size + " bytes)");
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("event", record.eventName);
            item.put("bucket", record.s3.bucket.name);
            item.put("key", key);
            item.put("size", record.s3.object.size);
            objects.add(item);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("processed", objects.size());
        result.put("objects", objects);
        return result;
    }
}
