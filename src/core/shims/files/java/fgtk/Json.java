package fgtk;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The shim's own JSON, for class paths without Gson (on the platform Gson comes with the runtime, so
 * users' JARs rarely carry it). It maps JSON onto what Gson maps by default: POJO fields (their
 * names, or Gson's {@code @SerializedName} read by annotation name, so no Gson class is needed),
 * boxed and primitive numbers, String, enums, List/Set/Collection, Map with string keys, arrays,
 * nested objects; and writes results the same way. Hand-written because the shim must compile with
 * the JDK alone and cannot bring a library onto the user's class path.
 */
final class Json {
    private Json() {
    }

    static final class JsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message);
        }
    }

    // ---- parsing into Map / List / String / Number / Boolean / null ----------------------------

    static Object parse(String text) {
        Parser p = new Parser(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) throw p.error("unexpected text after the JSON value");
        return v;
    }

    private static final class Parser {
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        JsonException error(String what) {
            return new JsonException(what + " at character " + i);
        }

        void ws() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') i++;
                else break;
            }
        }

        Object value() {
            if (i >= s.length()) throw error("unexpected end of JSON");
            char c = s.charAt(i);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw error("unexpected character '" + c + "'");
            }
        }

        Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) throw error("unexpected character '" + s.charAt(i) + "'");
            i += word.length();
            return v;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<String, Object>();
            i++;
            ws();
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return m;
            }
            while (true) {
                ws();
                if (i >= s.length() || s.charAt(i) != '"') throw error("expected a property name");
                String k = string();
                ws();
                if (i >= s.length() || s.charAt(i) != ':') throw error("expected ':'");
                i++;
                ws();
                m.put(k, value());
                ws();
                if (i >= s.length()) throw error("unexpected end of JSON");
                char c = s.charAt(i++);
                if (c == '}') return m;
                if (c != ',') throw error("expected ',' or '}'");
            }
        }

        List<Object> array() {
            List<Object> l = new ArrayList<Object>();
            i++;
            ws();
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                return l;
            }
            while (true) {
                ws();
                l.add(value());
                ws();
                if (i >= s.length()) throw error("unexpected end of JSON");
                char c = s.charAt(i++);
                if (c == ']') return l;
                if (c != ',') throw error("expected ',' or ']'");
            }
        }

        String string() {
            StringBuilder sb = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) throw error("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return sb.toString();
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (i >= s.length()) throw error("unterminated string");
                char e = s.charAt(i++);
                switch (e) {
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        if (i + 4 > s.length()) throw error("bad \\u escape");
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default: sb.append(e);
                }
            }
        }

        Number number() {
            int start = i;
            if (s.charAt(i) == '-') i++;
            boolean decimal = false;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') i++;
                else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                    decimal = true;
                    i++;
                } else break;
            }
            String t = s.substring(start, i);
            try {
                if (!decimal) {
                    long l = Long.parseLong(t);
                    return l;
                }
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                try {
                    return new BigDecimal(t);
                } catch (NumberFormatException e2) {
                    throw error("bad number " + t);
                }
            }
        }
    }

    // ---- mapping parsed JSON onto a Java type ----------------------------------------------

    static Object convert(Object json, Type type) throws Exception {
        Class<?> raw = rawClass(type);
        if (json == null) {
            if (raw.isPrimitive()) return zero(raw);
            return null;
        }
        if (raw == Object.class) return json;
        if (raw == String.class) return json instanceof String ? json : write(json);
        if (raw == Boolean.class || raw == boolean.class) {
            if (json instanceof Boolean) return json;
            if (json instanceof String) return Boolean.valueOf((String) json);
            throw mismatch(json, raw);
        }
        if (raw == Character.class || raw == char.class) {
            String s = String.valueOf(json);
            if (s.length() != 1) throw mismatch(json, raw);
            return s.charAt(0);
        }
        if (isNumberType(raw)) return number(json, raw);
        if (raw.isEnum()) return enumValue(json, raw);
        if (raw.isArray()) {
            if (!(json instanceof List)) throw mismatch(json, raw);
            List<?> list = (List<?>) json;
            Type component = type instanceof GenericArrayType ? ((GenericArrayType) type).getGenericComponentType() : raw.getComponentType();
            Object arr = Array.newInstance(raw.getComponentType(), list.size());
            for (int k = 0; k < list.size(); k++) Array.set(arr, k, convert(list.get(k), component));
            return arr;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            if (!(json instanceof List)) throw mismatch(json, raw);
            Type element = typeArgument(type, 0);
            Collection<Object> c = newCollection(raw);
            for (Object item : (List<?>) json) c.add(convert(item, element));
            return c;
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (!(json instanceof Map)) throw mismatch(json, raw);
            Type valueType = typeArgument(type, 1);
            Map<Object, Object> m = newMap(raw);
            Type keyType = typeArgument(type, 0);
            for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
                Object key = keyType == Object.class || keyType == String.class ? e.getKey() : convert(e.getKey(), keyType);
                m.put(key, convert(e.getValue(), valueType));
            }
            return m;
        }
        if (raw.getName().startsWith("com.google.gson.")) {
            throw new JsonException(raw.getName() + " needs Gson, which is not on the function's class path. The platform's Java runtime provides Gson; locally add it to the package (lib/gson-*.jar) or use a POJO or String parameter.");
        }
        if (!(json instanceof Map)) throw mismatch(json, raw);
        return pojo((Map<?, ?>) json, raw);
    }

    private static Object pojo(Map<?, ?> json, Class<?> raw) throws Exception {
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            throw new JsonException("cannot create an instance of " + raw.getName() + " (an interface or abstract class) from the event");
        }
        Object target = instantiate(raw);
        for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) continue;
                String[] names = jsonNames(f);
                for (String name : names) {
                    if (!json.containsKey(name)) continue;
                    f.setAccessible(true);
                    f.set(target, convert(json.get(name), f.getGenericType()));
                    break;
                }
            }
        }
        return target;
    }

    /** The field's JSON name, then its alternates: Gson's {@code @SerializedName(value, alternate)}, else the field name. */
    static String[] jsonNames(Field f) {
        for (Annotation a : f.getAnnotations()) {
            if (!a.annotationType().getSimpleName().equals("SerializedName")) continue;
            try {
                String value = (String) a.annotationType().getMethod("value").invoke(a);
                String[] alternate = new String[0];
                try {
                    alternate = (String[]) a.annotationType().getMethod("alternate").invoke(a);
                } catch (NoSuchMethodException ignored) {
                    // Gson before 2.4
                }
                String[] all = new String[alternate.length + 1];
                all[0] = value;
                System.arraycopy(alternate, 0, all, 1, alternate.length);
                return all;
            } catch (Exception ignored) {
                // not Gson's
            }
        }
        return new String[] {f.getName()};
    }

    private static Object instantiate(Class<?> raw) throws Exception {
        try {
            Constructor<?> ctor = raw.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (NoSuchMethodException e) {
            // Like Gson: a class without a no-argument constructor is allocated without running one.
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            return unsafeClass.getMethod("allocateInstance", Class.class).invoke(unsafe, raw);
        }
    }

    private static boolean isNumberType(Class<?> c) {
        return c == int.class || c == long.class || c == double.class || c == float.class || c == short.class || c == byte.class
            || Number.class.isAssignableFrom(c);
    }

    private static Object number(Object json, Class<?> raw) {
        Number n;
        if (json instanceof Number) n = (Number) json;
        else if (json instanceof String) {
            try {
                n = new BigDecimal(((String) json).trim());
            } catch (NumberFormatException e) {
                throw mismatch(json, raw);
            }
        } else throw mismatch(json, raw);
        if (raw == int.class || raw == Integer.class) return n.intValue();
        if (raw == long.class || raw == Long.class) return n.longValue();
        if (raw == double.class || raw == Double.class) return n.doubleValue();
        if (raw == float.class || raw == Float.class) return n.floatValue();
        if (raw == short.class || raw == Short.class) return n.shortValue();
        if (raw == byte.class || raw == Byte.class) return n.byteValue();
        if (raw == BigDecimal.class) return new BigDecimal(n.toString());
        if (raw == BigInteger.class) return new BigDecimal(n.toString()).toBigInteger();
        return n;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Object json, Class<?> raw) {
        String name = String.valueOf(json);
        for (Field f : raw.getFields()) {
            if (!f.isEnumConstant()) continue;
            for (String n : jsonNames(f)) {
                if (n.equals(name)) return Enum.valueOf((Class) raw, f.getName());
            }
        }
        return null; // Gson too maps an unknown constant to null
    }

    private static Object zero(Class<?> c) {
        if (c == boolean.class) return Boolean.FALSE;
        if (c == char.class) return '\0';
        return number(0L, c);
    }

    private static JsonException mismatch(Object json, Class<?> raw) {
        String what = json instanceof Map ? "an object" : json instanceof List ? "an array" : json instanceof String ? "a string" : json instanceof Boolean ? "a boolean" : "a number";
        return new JsonException("expected " + raw.getName() + " but the JSON has " + what + (json instanceof Map || json instanceof List ? "" : " (" + json + ")"));
    }

    static Class<?> rawClass(Type t) {
        if (t instanceof Class) return (Class<?>) t;
        if (t instanceof ParameterizedType) return rawClass(((ParameterizedType) t).getRawType());
        if (t instanceof GenericArrayType) return Array.newInstance(rawClass(((GenericArrayType) t).getGenericComponentType()), 0).getClass();
        if (t instanceof WildcardType) return rawClass(((WildcardType) t).getUpperBounds()[0]);
        return Object.class; // a type variable
    }

    private static Type typeArgument(Type t, int index) {
        if (t instanceof ParameterizedType) {
            Type[] args = ((ParameterizedType) t).getActualTypeArguments();
            if (index < args.length) return args[index];
        }
        return Object.class;
    }

    private static Collection<Object> newCollection(Class<?> raw) throws Exception {
        if (!raw.isInterface() && !Modifier.isAbstract(raw.getModifiers())) {
            @SuppressWarnings("unchecked")
            Collection<Object> c = (Collection<Object>) raw.getDeclaredConstructor().newInstance();
            return c;
        }
        if (Set.class.isAssignableFrom(raw)) return raw.isAssignableFrom(LinkedHashSet.class) ? new LinkedHashSet<Object>() : new HashSet<Object>();
        return new ArrayList<Object>();
    }

    private static Map<Object, Object> newMap(Class<?> raw) throws Exception {
        if (!raw.isInterface() && !Modifier.isAbstract(raw.getModifiers())) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> m = (Map<Object, Object>) raw.getDeclaredConstructor().newInstance();
            return m;
        }
        if (SortedMap.class.isAssignableFrom(raw)) return new TreeMap<Object, Object>();
        return new LinkedHashMap<Object, Object>();
    }

    // ---- writing ------------------------------------------------------------------------------

    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, new IdentityHashMap<Object, Boolean>());
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, IdentityHashMap<Object, Boolean> path) {
        if (v == null) {
            sb.append("null");
            return;
        }
        if (v instanceof String || v instanceof Character) {
            quote(sb, v.toString());
            return;
        }
        if (v instanceof Boolean) {
            sb.append(v);
            return;
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) throw new JsonException(v + " is not a valid JSON number");
            sb.append(v);
            return;
        }
        if (v instanceof Enum) {
            Enum<?> e = (Enum<?>) v;
            try {
                quote(sb, jsonNames(e.getDeclaringClass().getField(e.name()))[0]);
            } catch (NoSuchFieldException ex) {
                quote(sb, e.name());
            }
            return;
        }
        if (path.containsKey(v)) throw new JsonException("circular reference through " + v.getClass().getName());
        path.put(v, Boolean.TRUE);
        try {
            if (v instanceof Map) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    quote(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    write(sb, e.getValue(), path);
                }
                sb.append('}');
            } else if (v instanceof Iterable) {
                sb.append('[');
                boolean first = true;
                for (Object item : (Iterable<?>) v) {
                    if (!first) sb.append(',');
                    first = false;
                    write(sb, item, path);
                }
                sb.append(']');
            } else if (v.getClass().isArray()) {
                sb.append('[');
                int n = Array.getLength(v);
                for (int k = 0; k < n; k++) {
                    if (k > 0) sb.append(',');
                    write(sb, Array.get(v, k), path);
                }
                sb.append(']');
            } else {
                writePojo(sb, v, path);
            }
        } finally {
            path.remove(v);
        }
    }

    private static void writePojo(StringBuilder sb, Object v, IdentityHashMap<Object, Boolean> path) {
        sb.append('{');
        boolean first = true;
        List<Class<?>> chain = new ArrayList<Class<?>>();
        for (Class<?> c = v.getClass(); c != null && c != Object.class; c = c.getSuperclass()) chain.add(0, c);
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) continue;
                Object fv;
                try {
                    f.setAccessible(true);
                    fv = f.get(v);
                } catch (Exception e) {
                    continue; // a JDK class whose fields are closed to us
                }
                if (!first) sb.append(',');
                first = false;
                quote(sb, jsonNames(f)[0]);
                sb.append(':');
                write(sb, fv, path);
            }
        }
        sb.append('}');
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        sb.append('"');
    }
}
