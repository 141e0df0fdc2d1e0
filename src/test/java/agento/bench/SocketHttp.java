package agento.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The browser's side of the relay bench on one kept-alive HTTP/1.1 connection to 127.0.0.1, written and read on the
 * caller's thread. Java's HttpClient hands every request to its selector thread and every answer back to another
 * thread; on two busy cores those hand-offs cost about a millisecond per request, which is the client's time, not
 * Agento's.
 */
final class SocketHttp implements Closeable {
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    SocketHttp(int port) {
        this.port = port;
    }

    record Response(int status, String body) {}

    Response post(String path, Map<String, String> headers, String form) throws IOException {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        all.put("Content-Length", Integer.toString(body.length));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Map<String, String> answer = exchange("POST", path, all, body, line -> {
            text.write(line, 0, line.length);
            text.write('\n');
        });
        return new Response(status(answer), text.toString(StandardCharsets.UTF_8));
    }

    /** GETs an event stream and hands each line of it to {@code lines} as it arrives, until the stream ends. */
    void stream(String path, Map<String, String> headers, Consumer<String> lines) throws IOException {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Accept", "text/event-stream");
        exchange("GET", path, all, new byte[0], line -> lines.accept(new String(line, StandardCharsets.UTF_8)));
    }

    private interface Lines {
        void accept(byte[] line) throws IOException;
    }

    /**
     * One request and its whole answer, its body line by line. A kept-alive connection the server has closed since
     * (Jetty closes idle ones after 30 s) is opened again once, before anything of the answer was read.
     */
    private Map<String, String> exchange(String method, String path, Map<String, String> headers, byte[] body,
                                         Lines lines) throws IOException {
        boolean reused = socket != null;
        Map<String, String> answer;
        try {
            answer = request(method, path, headers, body);
        } catch (IOException closedMeanwhile) {
            close();
            if (!reused) {
                throw closedMeanwhile;
            }
            answer = request(method, path, headers, body);
        }
        try {
            readBody(answer, lines);
            return answer;
        } catch (IOException | RuntimeException e) {
            close(); // out of step with the server: the next request starts on a new connection
            throw e;
        }
    }

    private Map<String, String> request(String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        if (socket == null) {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
        Map<String, String> answer = new HashMap<>();
        answer.put(":status", readLine());
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IOException("not a header: " + line);
            }
            answer.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return answer;
    }

    private void readBody(Map<String, String> answer, Lines lines) throws IOException {
        int status = status(answer);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        Lines split = bytes -> {
            for (byte b : bytes) {
                if (b == '\n') {
                    lines.accept(line.toByteArray());
                    line.reset();
                } else if (b != '\r') {
                    line.write(b);
                }
            }
        };
        if (status < 200 || status == 204 || status == 304) {
            return; // no body
        } else if ("chunked".equalsIgnoreCase(answer.get("transfer-encoding"))) {
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                split.accept(exactly(size));
                readLine();
            }
            for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                // trailers are not needed here
            }
        } else if (answer.containsKey("content-length")) {
            split.accept(exactly(Integer.parseInt(answer.get("content-length"))));
        } else {
            split.accept(in.readAllBytes());
            close();
        }
        if (line.size() > 0) {
            lines.accept(line.toByteArray());
        }
        if ("close".equalsIgnoreCase(answer.get("connection"))) {
            close();
        }
    }

    private int chunkSize() throws IOException {
        String size = readLine();
        int extension = size.indexOf(';');
        return Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
    }

    private byte[] exactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IOException("connection closed in a body");
        }
        return bytes;
    }

    private static int status(Map<String, String> answer) {
        return Integer.parseInt(answer.get(":status").split(" ")[1]);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
