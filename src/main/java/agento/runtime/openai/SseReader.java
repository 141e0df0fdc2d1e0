package agento.runtime.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads server-sent events (the WHATWG event-stream format): {@code event:} and {@code data:} fields, a blank
 * line ends an event; CR, LF and CRLF line ends, multi-line data, {@code :} comments. Bounded: a line longer
 * than {@code maxLineBytes} or a stream longer than {@code maxTotalBytes} throws {@link LimitExceeded}.
 * Not thread-safe; one reader per stream.
 */
public final class SseReader {

    /** One dispatched event; {@code type} is "message" when the stream named none. */
    public record Event(String type, String data) {}

    /** The stream broke one of the reader's size limits; the message names it, like "4096 KiB in all". */
    public static final class LimitExceeded extends IOException {
        LimitExceeded(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final long maxTotalBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private long total;
    private byte[] line = new byte[256];
    private boolean skipLf;
    private boolean started;

    public SseReader(InputStream in, int maxLineBytes, long maxTotalBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** The next complete event, or null at the end of the stream (a trailing unfinished event is dropped). */
    public Event next() throws IOException {
        String type = null;
        StringBuilder data = null;
        for (String text = readLine(); text != null; text = readLine()) {
            if (text.isEmpty()) {
                if (data != null) {
                    return new Event(type == null || type.isEmpty() ? "message" : type, data.toString());
                }
                type = null;
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                type = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(value);
            }
        }
        return null;
    }

    /** Bytes read from the stream so far. */
    public long bytesRead() {
        return total;
    }

    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                return null;
            }
            byte b = buffer[position++];
            if (skipLf) {
                skipLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                skipLf = b == '\r';
                // line ends are ASCII, so a multi-byte character is never split here
                return new String(line, 0, length, StandardCharsets.UTF_8);
            }
            if (length == maxLineBytes) {
                throw new LimitExceeded(size(maxLineBytes) + " in one line");
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, maxLineBytes));
            }
            line[length++] = b;
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        total += read;
        if (total > maxTotalBytes) {
            throw new LimitExceeded(size(maxTotalBytes) + " in all");
        }
        position = 0;
        limit = read;
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        return true;
    }

    private void skipByteOrderMark() {
        if (limit >= 3 && (buffer[0] & 0xff) == 0xEF && (buffer[1] & 0xff) == 0xBB && (buffer[2] & 0xff) == 0xBF) {
            position = 3;
        }
    }

    private static String size(long bytes) {
        return bytes >= 1024 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
