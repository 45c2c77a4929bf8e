package fgtk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection to the runtime API (API-1..5), one request at a time (API-6).
 * A raw socket rather than HttpURLConnection: the latter loads its whole handler stack (about 60 classes,
 * ~40 ms of a cold start here) and hides whether the connection is reused.
 */
final class ApiClient {
    static final class Response {
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        Response(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }
    }

    private final String host;
    private final int port;
    private final String hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buf = new byte[65536];
    private int pos;
    private int lim;

    ApiClient(String addr) {
        int i = addr.lastIndexOf(':');
        this.host = i > 0 ? addr.substring(0, i) : addr;
        this.port = i > 0 ? Integer.parseInt(addr.substring(i + 1)) : 80;
        this.hostHeader = "Host: " + addr + "\r\n";
    }

    void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        socket = null;
    }

    Response request(String method, String path, byte[] body, String contentType) throws IOException {
        boolean reused = socket != null;
        try {
            return send(method, path, body, contentType);
        } catch (IOException e) {
            close();
            if (!reused) throw e;
            // The server closed an idle keep-alive socket: once more on a fresh one.
            return send(method, path, body, contentType);
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port));
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        pos = 0;
        lim = 0;
    }

    private Response send(String method, String path, byte[] body, String contentType) throws IOException {
        if (socket == null) connect();
        StringBuilder head = new StringBuilder(128).append(method).append(' ').append(path).append(" HTTP/1.1\r\n").append(hostHeader);
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null || h.length + body.length > 16384) {
            out.write(h);
            if (body != null) out.write(body);
        } else {
            // One segment for small requests: the server answers without waiting for a second packet.
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            out.write(all);
        }
        out.flush();
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2) throw new IOException("bad status line from the runtime API: " + statusLine);
        int status = Integer.parseInt(parts[1].trim());
        Map<String, String> headers = new HashMap<String, String>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int c = l.indexOf(':');
            if (c > 0) headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
        }
        byte[] data;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            data = chunked();
        } else {
            String len = headers.get("content-length");
            data = exactly(len == null ? 0 : Integer.parseInt(len));
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) close();
        return new Response(status, headers, data);
    }

    private boolean fill() throws IOException {
        if (pos == lim) {
            pos = 0;
            lim = 0;
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) throw new IOException("connection closed by the runtime API");
        lim += n;
        return true;
    }

    /** A header line without its CR LF. */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            if (pos == lim) fill();
            byte b = buf[pos++];
            if (b == '\n') break;
            if (b != '\r') sb.append((char) (b & 0xff));
        }
        return sb.toString();
    }

    private byte[] exactly(int n) throws IOException {
        byte[] data = new byte[n];
        int got = 0;
        while (got < n) {
            if (pos == lim) fill();
            int take = Math.min(n - got, lim - pos);
            System.arraycopy(buf, pos, data, got, take);
            pos += take;
            got += take;
        }
        return data;
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return all.toByteArray();
            }
            all.write(exactly(size));
            line();
        }
    }
}
