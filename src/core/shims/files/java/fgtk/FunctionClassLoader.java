package fgtk;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The function's class path as the platform builds it from a package: every JAR at the code root and
 * in {@code lib/}, then the code root itself as a classes folder. Its parent is the JDK's own loader,
 * never the shim's, so the user's classes see none of ours. The one exception: the runtime SDK
 * interfaces ({@code com.huawei.services.runtime.*}, {@code com.opentelekomcloud.services.runtime.*})
 * that users compile against with scope {@code provided} (and Gson's {@code @SerializedName}, which the
 * platform's runtime provides with Gson) come from the shim's own copies when the
 * package lacks them, defined in this loader so that the handler's signature links to them.
 */
final class FunctionClassLoader extends URLClassLoader {
    private static final String[] SDK_PACKAGES = {"com.huawei.services.runtime.", "com.opentelekomcloud.services.runtime.", "com.google.gson.annotations.SerializedName"};
    private final File sdkClasses;
    private final List<File> entries;

    private FunctionClassLoader(List<File> entries, File sdkClasses) throws MalformedURLException {
        super(urls(entries), ClassLoader.getSystemClassLoader().getParent());
        this.entries = entries;
        this.sdkClasses = sdkClasses;
    }

    static FunctionClassLoader forCodeRoot(File root, File sdkClasses) throws MalformedURLException {
        List<File> entries = new ArrayList<File>();
        entries.addAll(jars(root));
        entries.addAll(jars(new File(root, "lib")));
        entries.add(root);
        return new FunctionClassLoader(entries, sdkClasses);
    }

    private static List<File> jars(File dir) {
        File[] files = dir.listFiles();
        List<File> out = new ArrayList<File>();
        if (files == null) return out;
        Arrays.sort(files);
        for (File f : files) {
            if (f.isFile() && f.getName().toLowerCase().endsWith(".jar")) out.add(f);
        }
        return out;
    }

    private static URL[] urls(List<File> entries) throws MalformedURLException {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) urls[i] = entries.get(i).toURI().toURL();
        return urls;
    }

    /** For messages: the JARs and folder searched. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (File f : entries) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(f.isDirectory() ? f.getPath() + "/ (classes folder)" : f.getPath());
        }
        return sb.toString();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        try {
            return super.findClass(name);
        } catch (ClassNotFoundException e) {
            Class<?> supplied = sdkClass(name);
            if (supplied != null) return supplied;
            throw e;
        }
    }

    private Class<?> sdkClass(String name) {
        boolean sdk = false;
        for (String p : SDK_PACKAGES) sdk |= name.startsWith(p);
        if (!sdk || sdkClasses.getPath().isEmpty()) return null;
        File file = new File(sdkClasses, name.replace('.', File.separatorChar) + ".class");
        if (!file.isFile()) return null;
        try {
            byte[] bytes = read(file);
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] read(File f) throws IOException {
        InputStream in = new FileInputStream(f);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0;) out.write(buf, 0, n);
            return out.toByteArray();
        } finally {
            in.close();
        }
    }
}
