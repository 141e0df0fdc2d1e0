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

    record Response(int status, Map<String, String> headers, String body) {}

    Response post(String path, Map<String, String> headers, String form) throws IOException {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        all.put("Content-Length", Integer.toString(body.length));
        Map<String, String> answer = request("POST", path, all, body);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        readBody(answer, chunk -> text.write(chunk, 0, chunk.length));
        return new Response(status(answer), answer, text.toString(StandardCharsets.UTF_8));
    }

    /** GETs an event stream and hands each line of it to {@code lines} as it arrives, until the stream ends. */
    void stream(String path, Map<String, String> headers, Consumer<String> lines) throws IOException {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Accept", "text/event-stream");
        Map<String, String> answer = request("GET", path, all, new byte[0]);
        StringBuilder line = new StringBuilder();
        readBody(answer, chunk -> {
            String text = new String(chunk, StandardCharsets.UTF_8);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    lines.accept(line.toString());
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        });
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
            answer.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return answer;
    }

    private interface Chunks {
        void accept(byte[] chunk) throws IOException;
    }

    private void readBody(Map<String, String> answer, Chunks chunks) throws IOException {
        if ("chunked".equalsIgnoreCase(answer.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(readLine().trim(), 16); size > 0;
                 size = Integer.parseInt(readLine().trim(), 16)) {
                chunks.accept(in.readNBytes(size));
                readLine();
            }
            readLine();
        } else if (answer.containsKey("content-length")) {
            chunks.accept(in.readNBytes(Integer.parseInt(answer.get("content-length"))));
        } else {
            chunks.accept(in.readAllBytes());
            close();
            return;
        }
        if ("close".equalsIgnoreCase(answer.get("connection"))) {
            close();
        }
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
