package fgtk;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FunctionGraph Toolkit runtime shim for Java handlers (contract RT-*, INV-7; builtin-runtimes.md §2).
 * It is the instance's process: it speaks the custom runtime API (API-1..5) like any bootstrap, loads
 * the function's class path, creates the handler class once and calls
 * {@code public R method(Event event, Context context)} for each event on the warm JVM.
 * Compiled by the toolkit with the local {@code javac --release 8}; needs no FunctionGraph jar.
 */
public final class Shim {
    private static final Map<String, String> ENV = System.getenv();
    private static final String BASE = "/v1/runtime/invocation/";

    private final ApiClient api = new ApiClient(env("RUNTIME_API_ADDR", "127.0.0.1:8080"));
    private final String handler = env("RUNTIME_HANDLER", "");
    private final String initializer = env("RUNTIME_INITIALIZER_HANDLER", "");
    private final double timeoutS = number("RUNTIME_TIMEOUT", 3);
    private final double initTimeoutS = number("RUNTIME_INITIALIZER_TIMEOUT", timeoutS);
    /** Under JDWP the debugger holds the clock: the emulator pauses its timeout while stopped, so the initializer's is off too. */
    private final boolean underDebugger = Boolean.getBoolean("fgtk.underDebugger"); // system properties: the function's environment stays the platform's

    private FunctionClassLoader loader;
    private Target target;
    /** Why the handler cannot run (not found, wrong signature, ...): every invocation answers with it. */
    private Throwable setupFailure;
    private String setupPrefix = "";
    private Gson gson;

    public static void main(String[] args) {
        new Shim().run();
    }

    private static String env(String name, String fallback) {
        String v = ENV.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private static double number(String name, double fallback) {
        try {
            return Double.parseDouble(env(name, String.valueOf(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void run() {
        setUp();
        long refusedSince = 0;
        while (true) {
            ApiClient.Response next;
            try {
                next = api.request("GET", BASE + "request", null, null);
                refusedSince = 0;
            } catch (Exception e) {
                api.close();
                // Nobody listens any more: the emulator is gone, do not linger as an orphan.
                if (refusedSince == 0) refusedSince = System.currentTimeMillis();
                if (System.currentTimeMillis() - refusedSince > 10_000) System.exit(1);
                sleep(50);
                continue;
            }
            String requestId = next.headers.get("x-cff-request-id");
            if (next.status != 200 || requestId == null || requestId.isEmpty()) {
                sleep(50); // API-5: no request ID, try again shortly
                continue;
            }
            Reply reply = handle(requestId, next.headers, next.body);
            try {
                ApiClient.Response r = api.request("POST", BASE + reply.kind + "/" + requestId, reply.body, reply.contentType);
                if (r.status != 200) {
                    System.err.println("Runtime API answered " + r.status + " to the " + reply.kind + " of " + requestId + ": " + new String(r.body, StandardCharsets.UTF_8));
                }
            } catch (Exception e) {
                api.close();
                System.err.println("Could not post the " + reply.kind + " of " + requestId + ": " + e);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- setting up: class path, handler, initializer ----------------------------------------

    private void setUp() {
        try {
            File root = new File(env("RUNTIME_CODE_ROOT", ".")).getAbsoluteFile();
            loader = FunctionClassLoader.forCodeRoot(root, new File(System.getProperty("fgtk.shimSdk", "")));
            Thread.currentThread().setContextClassLoader(loader);
            gson = Gson.find(loader);
            target = Target.resolve(handler, loader, "handler", 2, null);
        } catch (Throwable e) {
            setupFailure = e;
            return;
        }
        if (initializer.isEmpty()) return;
        try {
            // One instance of the class for both, as on the platform.
            final Target init = Target.resolve(initializer, loader, "initializer", 1, target);
            final Object context = LocalContext.create(init.contextType, loader, "", new LinkedHashMap<String, String>(), initTimeoutS);
            final Throwable[] failed = new Throwable[1];
            Thread worker = new Thread(new Runnable() {
                @Override
                public void run() {
                    try {
                        init.method.invoke(init.instance, context);
                    } catch (InvocationTargetException e) {
                        failed[0] = e.getCause();
                    } catch (Throwable e) {
                        failed[0] = e;
                    }
                }
            }, "initializer");
            worker.setDaemon(true);
            worker.setContextClassLoader(loader);
            worker.start();
            worker.join(underDebugger ? 0 : (long) (initTimeoutS * 1000));
            if (worker.isAlive()) failed[0] = new ShimError("InitializerTimeout", "timed out after " + format(initTimeoutS) + " s");
            if (failed[0] != null) {
                setupFailure = failed[0];
                setupPrefix = "Initializer " + initializer + " failed: ";
                System.err.println(setupPrefix + failed[0]);
            }
        } catch (Throwable e) {
            setupFailure = e;
            setupPrefix = "Initializer " + initializer + " failed: ";
        }
    }

    private static String format(double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
    }

    // ---- one invocation ----------------------------------------------------------------------

    private static final class Reply {
        final String kind;
        final byte[] body;
        final String contentType;

        Reply(String kind, byte[] body, String contentType) {
            this.kind = kind;
            this.body = body;
            this.contentType = contentType;
        }
    }

    private Reply handle(String requestId, Map<String, String> headers, byte[] raw) {
        if (setupFailure != null) return error(setupFailure, setupPrefix);
        Object event;
        try {
            event = event(new String(raw, StandardCharsets.UTF_8), target.method.getGenericParameterTypes()[0]);
        } catch (Throwable e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            return error(new ShimError("InvalidEvent", "the event could not be mapped to " + target.method.getGenericParameterTypes()[0].getTypeName()
                + " (the first parameter of " + handler + "): " + cause.getMessage()), "");
        }
        Object context = LocalContext.create(target.contextType, loader, requestId, headers, timeoutS);
        Object result;
        try {
            result = target.method.invoke(target.instance, event, context);
        } catch (InvocationTargetException e) {
            return error(e.getCause(), "");
        } catch (Throwable e) {
            return error(e, "");
        }
        try {
            if (result == null || target.method.getReturnType() == void.class) return new Reply("response", new byte[0], "text/plain; charset=utf-8");
            if (result instanceof String) return new Reply("response", ((String) result).getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
            if (result instanceof byte[]) return new Reply("response", (byte[]) result, "application/octet-stream");
            String json = gson != null ? gson.toJson(result) : Json.write(result);
            return new Reply("response", json.getBytes(StandardCharsets.UTF_8), "application/json");
        } catch (Throwable e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            return error(new ShimError("ResultError", "the result could not be JSON-encoded: " + cause.getMessage()), "");
        }
    }

    /** A String parameter gets the raw event; any other type the JSON mapped onto it (Gson when the class path has it). */
    private Object event(String text, Type type) throws Exception {
        if (type == String.class) return text;
        if (gson != null) return gson.fromJson(text, type);
        if (text.trim().isEmpty()) return Json.convert(new LinkedHashMap<String, Object>(), type);
        return Json.convert(Json.parse(text), type);
    }

    private Reply error(Throwable e, String prefix) {
        String type = e instanceof ShimError ? ((ShimError) e).type : e.getClass().getName();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        StringBuilder sb = new StringBuilder("{\"errorMessage\":");
        Json.quote(sb, prefix + message);
        sb.append(",\"errorType\":");
        Json.quote(sb, type);
        List<String> stack = userFrames(e);
        if (!stack.isEmpty()) {
            sb.append(",\"stackTrace\":[");
            for (int i = 0; i < stack.size(); i++) {
                if (i > 0) sb.append(',');
                Json.quote(sb, stack.get(i));
            }
            sb.append(']');
        }
        sb.append('}');
        return new Reply("error", sb.toString().getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** The exception's trace without the shim's and reflection's frames, which tell the user nothing. */
    private static List<String> userFrames(Throwable e) {
        List<String> out = new ArrayList<String>();
        if (e instanceof ShimError) return out;
        StringWriter sw = new StringWriter();
        e.printStackTrace(new PrintWriter(sw));
        for (String line : sw.toString().split("\r?\n")) {
            String t = line.trim();
            if (t.startsWith("at fgtk.") || t.startsWith("at sun.reflect.") || t.startsWith("at jdk.internal.reflect.")
                || t.startsWith("at java.lang.reflect.Method.invoke") || t.startsWith("at java.base/jdk.internal.reflect.")
                || t.startsWith("at java.base/java.lang.reflect.Method.invoke")) continue;
            out.add(line.replace("\t", "    "));
        }
        return out;
    }

    // ---- the handler -------------------------------------------------------------------------

    /** An error of the shim's own with a type name of its own (HandlerNotFound, InvalidEvent, ...). */
    static final class ShimError extends Exception {
        private static final long serialVersionUID = 1L;

        final String type;

        ShimError(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    /** A resolved {@code package.Class.method}: the class, its one instance, the method and its Context type. */
    static final class Target {
        Class<?> type;
        Object instance;
        Method method;
        Class<?> contextType;

        /**
         * Split at the last {@code ::} if any, else the last '.'; the public method of that name with
         * {@code params} parameters (the event and the Context, or the Context alone for an initializer).
         */
        static Target resolve(String spec, ClassLoader loader, String what, int params, Target sameClass) throws Exception {
            int cut = spec.lastIndexOf("::");
            String className = cut >= 0 ? spec.substring(0, cut) : spec.lastIndexOf('.') > 0 ? spec.substring(0, spec.lastIndexOf('.')) : "";
            String methodName = cut >= 0 ? spec.substring(cut + 2) : spec.substring(spec.lastIndexOf('.') + 1);
            if (className.isEmpty() || methodName.isEmpty()) {
                throw new ShimError("HandlerNotFound", "the " + what + " \"" + spec + "\" is not in the form package.Class.method, e.g. com.example.Handler.handleRequest");
            }
            Target t = new Target();
            try {
                t.type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException e) {
                throw new ShimError("HandlerNotFound", what + " " + spec + " not found: no class " + className + " in " + ((FunctionClassLoader) loader).describe());
            }
            List<Method> named = new ArrayList<Method>();
            for (Class<?> c = t.type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(methodName) && !m.isSynthetic() && !m.isBridge()) named.add(m);
                }
            }
            String expected = params == 2 ? "public R " + methodName + "(Event event, Context context)" : "public void " + methodName + "(Context context)";
            if (named.isEmpty()) {
                List<String> publics = new ArrayList<String>();
                for (Method m : t.type.getDeclaredMethods()) {
                    if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) publics.add(signature(m));
                }
                java.util.Collections.sort(publics, new java.util.Comparator<String>() {
                    @Override
                    public int compare(String a, String b) {
                        return a.substring(a.indexOf(' ', a.indexOf(' ') + 1)).compareTo(b.substring(b.indexOf(' ', b.indexOf(' ') + 1)));
                    }
                });
                throw new ShimError("HandlerNotFound", what + " " + spec + " not found: class " + className + " has no method " + methodName
                    + (publics.isEmpty() ? " (it has no public methods)" : "; its public methods: " + join(publics)) + ". Expected " + expected + ".");
            }
            for (Method m : named) {
                if (m.getParameterTypes().length == params && Modifier.isPublic(m.getModifiers())) {
                    Class<?> ctx = m.getParameterTypes()[params - 1];
                    if (!ctx.isInterface()) {
                        throw new ShimError("HandlerNotFound", what + " " + spec + ": the last parameter of " + signature(m) + " must be the runtime's Context interface (com.huawei.services.runtime.Context), not " + ctx.getName() + ".");
                    }
                    t.method = m;
                    t.contextType = ctx;
                    break;
                }
            }
            if (t.method == null) {
                List<String> found = new ArrayList<String>();
                boolean anyRightCount = false;
                for (Method m : named) {
                    found.add(signature(m));
                    anyRightCount |= m.getParameterTypes().length == params;
                }
                String why = anyRightCount ? "is not public" : "has the wrong number of parameters";
                throw new ShimError("HandlerNotFound", what + " " + spec + " " + why + ": " + className + " declares " + join(found) + "; expected " + expected + ".");
            }
            if (!Modifier.isPublic(t.type.getModifiers())) {
                throw new ShimError("HandlerNotFound", what + " " + spec + ": class " + className + " is not public; the platform needs a public class.");
            }
            t.method.setAccessible(true);
            if (sameClass != null && sameClass.type == t.type) {
                t.instance = sameClass.instance;
            } else if (!Modifier.isStatic(t.method.getModifiers())) {
                try {
                    t.instance = t.type.getConstructor().newInstance();
                } catch (NoSuchMethodException e) {
                    throw new ShimError("HandlerNotFound", what + " " + spec + ": class " + className + " has no public constructor without parameters, so the runtime cannot create it.");
                }
            }
            return t;
        }

        static String signature(Method m) {
            StringBuilder sb = new StringBuilder();
            sb.append(Modifier.toString(m.getModifiers())).append(m.getModifiers() == 0 ? "" : " ");
            sb.append(m.getReturnType().getSimpleName()).append(' ').append(m.getName()).append('(');
            Class<?>[] p = m.getParameterTypes();
            for (int i = 0; i < p.length; i++) {
                if (i > 0) sb.append(", ");
                sb.append(p[i].getSimpleName());
            }
            return sb.append(')').toString();
        }

        private static String join(List<String> items) {
            StringBuilder sb = new StringBuilder();
            for (String s : items) {
                if (sb.length() > 0) sb.append(", ");
                sb.append(s);
            }
            return sb.toString();
        }
    }
}
