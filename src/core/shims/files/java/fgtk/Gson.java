package fgtk;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * Gson from the function's own class path, called by reflection (the shim has no compile-time
 * dependency on it). Configured as Huawei's Java executor configures it: nulls serialized, no HTML
 * escaping.
 */
final class Gson {
    private final Object gson;
    private final Method fromJson;
    private final Method toJson;

    private Gson(Object gson, Method fromJson, Method toJson) {
        this.gson = gson;
        this.fromJson = fromJson;
        this.toJson = toJson;
    }

    /** Gson if the class path has it, else null (the shim's own mapper is used). */
    static Gson find(ClassLoader loader) {
        try {
            Class<?> builderClass = Class.forName("com.google.gson.GsonBuilder", true, loader);
            Object builder = builderClass.getConstructor().newInstance();
            builder = builderClass.getMethod("serializeNulls").invoke(builder);
            builder = builderClass.getMethod("disableHtmlEscaping").invoke(builder);
            Object gson = builderClass.getMethod("create").invoke(builder);
            Class<?> gsonClass = gson.getClass();
            return new Gson(gson, gsonClass.getMethod("fromJson", String.class, Type.class), gsonClass.getMethod("toJson", Object.class));
        } catch (ClassNotFoundException e) {
            return null;
        } catch (Exception e) {
            System.err.println("Gson on the class path could not be used (" + e + "); the shim's own JSON mapper is used instead.");
            return null;
        }
    }

    Object fromJson(String text, Type type) throws Exception {
        return fromJson.invoke(gson, text, type);
    }

    String toJson(Object value) throws Exception {
        return (String) toJson.invoke(gson, value);
    }
}
