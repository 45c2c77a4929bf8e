package fgtk;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

/**
 * The platform's {@code Context} (RT-2) and {@code RuntimeLogger}, answered with local values for
 * whatever interface the handler declares: Huawei's {@code com.huawei.services.runtime.Context},
 * OpenTelekomCloud's {@code com.opentelekomcloud.services.runtime.Context}, or the shim's own copy.
 * A {@link Proxy} instead of a class implementing them, so that the shim compiles with no SDK jar and
 * serves either package (and methods added in later SDK versions get a neutral answer, not an error).
 */
final class LocalContext implements InvocationHandler {
    private static final Map<String, String> ENV = System.getenv();
    private static final String INSTANCE_ID = UUID.randomUUID().toString();
    /** {@code Context.setState}: kept for the instance, as on the platform. */
    private static volatile Object state;
    private static Map<?, ?> userData;

    private final String requestId;
    private final Map<String, String> headers;
    private final double timeoutS;
    private final long deadline;
    private final String traceId = UUID.randomUUID().toString();
    private Object logger;

    LocalContext(String requestId, Map<String, String> headers, double timeoutS) {
        this.requestId = requestId;
        this.headers = headers;
        this.timeoutS = timeoutS;
        this.deadline = System.currentTimeMillis() + (long) (timeoutS * 1000);
    }

    static Object create(Class<?> contextType, ClassLoader loader, String requestId, Map<String, String> headers, double timeoutS) {
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, new LocalContext(requestId, headers, timeoutS));
    }

    private String header(String name) {
        String v = headers.get(name);
        return v == null ? "" : v;
    }

    private static String env(String name, String fallback) {
        String v = ENV.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private static int envInt(String name, int fallback) {
        try {
            return (int) Double.parseDouble(env(name, String.valueOf(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static synchronized Map<?, ?> userData() {
        if (userData == null) {
            Object parsed;
            try {
                parsed = Json.parse(env("RUNTIME_USERDATA", "{}"));
            } catch (RuntimeException e) {
                parsed = null;
            }
            userData = parsed instanceof Map ? (Map<?, ?>) parsed : new java.util.HashMap<Object, Object>();
        }
        return userData;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        String name = method.getName();
        Class<?> returns = method.getReturnType();
        if (method.getDeclaringClass() == Object.class) {
            if (name.equals("equals")) return proxy == args[0];
            if (name.equals("hashCode")) return System.identityHashCode(proxy);
            return "LocalContext[" + requestId + "]";
        }
        return fit(answer(name, args, returns), returns);
    }

    private Object answer(String name, Object[] args, Class<?> returns) {
        if (name.equals("getRequestID") || name.equals("getRequestId")) return requestId;
        if (name.equals("getRemainingTimeInMilliSeconds")) return Math.max(0L, deadline - System.currentTimeMillis());
        // API-2 credentials, present only when configured; the deprecated AK/SK getters return the same temporary keys.
        if (name.equals("getAccessKey") || name.equals("getSecurityAccessKey")) return header("x-cff-access-key");
        if (name.equals("getSecretKey") || name.equals("getSecuritySecretKey")) return header("x-cff-secret-key");
        if (name.equals("getSecurityToken")) return header("x-cff-security-token");
        if (name.equals("getToken")) return header("x-cff-auth-token");
        if (name.equals("getUserData")) {
            if (args == null || args.length == 0) return userData();
            Object v = userData().get(String.valueOf(args[0]));
            return v == null ? null : String.valueOf(v);
        }
        if (name.equals("getFunctionName")) return env("RUNTIME_FUNC_NAME", "");
        if (name.equals("getRunningTimeInSeconds")) return (long) timeoutS;
        if (name.equals("getVersion")) return env("RUNTIME_FUNC_VERSION", "latest");
        if (name.equals("getMemorySize")) return (long) envInt("RUNTIME_MEMORY", 128);
        if (name.equals("getCPUNumber")) return (long) envInt("RUNTIME_CPU", 0);
        if (name.equals("getProjectID")) return env("RUNTIME_PROJECT_ID", "");
        if (name.equals("getPackage")) return env("RUNTIME_PACKAGE", "default");
        if (name.equals("getAlias")) return env("RUNTIME_ALIAS", "");
        if (name.equals("getInstanceID")) return INSTANCE_ID;
        if (name.equals("getInvokeID")) return requestId;
        if (name.equals("getTraceID")) return headers.containsKey("x-cff-trace-id") ? headers.get("x-cff-trace-id") : traceId;
        if (name.equals("getInvokeProperty") || name.startsWith("getWorkflow")) return "";
        if (name.equals("getState")) return state;
        if (name.equals("setState")) {
            state = args[0];
            return null;
        }
        if (name.equals("getLogger")) {
            if (logger == null && returns.isInterface()) {
                logger = Proxy.newProxyInstance(returns.getClassLoader(), new Class<?>[] {returns}, new Logger(requestId));
            }
            return logger;
        }
        return null; // a method of a later SDK: a neutral answer of its type
    }

    /** A value of the method's declared return type (the SDKs declare int where a long is natural, and may change). */
    private static Object fit(Object v, Class<?> returns) {
        if (v instanceof Number) {
            Number n = (Number) v;
            if (returns == int.class || returns == Integer.class) return n.intValue();
            if (returns == long.class || returns == Long.class) return n.longValue();
            if (returns == double.class || returns == Double.class) return n.doubleValue();
            if (returns == String.class) return String.valueOf(n);
        }
        if (v == null && returns.isPrimitive()) {
            if (returns == boolean.class) return Boolean.FALSE;
            if (returns == void.class) return null;
            return fit(0L, returns);
        }
        if (v != null && !returns.isInstance(v) && !returns.isPrimitive()) return returns == String.class ? String.valueOf(v) : null;
        return v;
    }

    /** {@code RuntimeLogger}: {@code <UTC time> <request ID> <LEVEL> <message>} lines (INV-6), {@code setLevel} filters. */
    static final class Logger implements InvocationHandler {
        private static final String[] LEVELS = {"DEBUG", "INFO", "WARN", "ERROR"};
        private static volatile int threshold;
        private final String requestId;

        Logger(String requestId) {
            this.requestId = requestId;
        }

        private static int level(String name) {
            for (int i = 0; i < LEVELS.length; i++) {
                if (LEVELS[i].equalsIgnoreCase(name)) return i;
            }
            return -1;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            String name = method.getName();
            if (method.getDeclaringClass() == Object.class) {
                if (name.equals("equals")) return proxy == args[0];
                if (name.equals("hashCode")) return System.identityHashCode(proxy);
                return "RuntimeLogger[" + requestId + "]";
            }
            String text = args == null || args.length == 0 ? "" : String.valueOf(args[0]);
            if (name.equals("setLevel")) {
                int l = level(text);
                if (l >= 0) threshold = l;
                return null;
            }
            // log() is written whatever the level, as on the platform.
            int l = name.equals("log") ? 1 : level(name.equals("warning") ? "WARN" : name);
            if (l < 0) return null;
            if (!name.equals("log") && l < threshold) return null;
            String line = utcNow() + " " + requestId + " " + LEVELS[l] + " " + text + "\n";
            System.out.print(line);
            System.out.flush();
            return null;
        }

        private static String utcNow() {
            SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
            f.setTimeZone(TimeZone.getTimeZone("UTC"));
            return f.format(new Date());
        }
    }
}
