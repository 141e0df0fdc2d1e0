package agento.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads one HTTP/1.1 response: status line, headers, and the body (length, chunked or to the end) up to a cap. */
final class Http1Response {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    private Http1Response() {}

    static OutboundHttp.Answer read(InputStream in, String method, int maxBodyBytes) throws IOException {
        int status;
        Map<String, List<String>> headers;
        do { // 1xx answers come before the real one
            status = status(line(in));
            headers = headers(in);
        } while (status >= 100 && status < 200);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean truncated = false;
        boolean bodyless = "HEAD".equals(method) || status == 204 || status == 304;
        String length = first(headers, "content-length");
        if (bodyless) {
            truncated = false;
        } else if (first(headers, "transfer-encoding") != null
                && first(headers, "transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
            truncated = chunked(in, body, maxBodyBytes);
        } else if (length != null) {
            truncated = copy(in, body, parseLength(length), maxBodyBytes);
        } else {
            truncated = copy(in, body, Long.MAX_VALUE, maxBodyBytes);
        }
        return new OutboundHttp.Answer(status, HttpHeaders.of(headers, (name, value) -> true),
                body.toString(StandardCharsets.UTF_8), truncated);
    }

    private static int status(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP/1.x status line");
        }
        return Integer.parseInt(parts[1]);
    }

    private static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = line(in);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || count > MAX_HEADERS) {
                throw new IOException("malformed response headers");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static long parseLength(String value) throws IOException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length");
        }
    }

    /** Copies up to {@code length} bytes while the cap allows; true when bytes were left unread for the cap. */
    private static boolean copy(InputStream in, ByteArrayOutputStream body, long length, int cap) throws IOException {
        byte[] buffer = new byte[8192];
        long remaining = length;
        while (remaining > 0) {
            if (body.size() >= cap) {
                return true;
            }
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.min(remaining, cap - body.size() + 1L)));
            if (n < 0) {
                return false;
            }
            int keep = Math.min(n, cap - body.size());
            body.write(buffer, 0, keep);
            remaining -= n;
            if (keep < n) {
                return true;
            }
        }
        return false;
    }

    private static boolean chunked(InputStream in, ByteArrayOutputStream body, int cap) throws IOException {
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size");
            }
            if (size == 0) {
                return false; // trailers are not read: the connection closes anyway
            }
            if (copy(in, body, size, cap)) {
                return true;
            }
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed in the middle of the answer");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            line.append((char) c);
        }
    }
}
