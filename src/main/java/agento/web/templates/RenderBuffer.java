package agento.web.templates;

import java.io.Writer;

/**
 * The text a page is rendered into: one per thread, kept between requests. Thymeleaf's own writer starts at 100
 * characters and doubles up to the page's size, copying each time: 8% of the bytes a dashboard request
 * allocated. A buffer grows to the largest page its thread rendered; one that had to grow past
 * {@link #KEEP_CAPACITY} characters for a very large page is left to the collector, not kept.
 */
public final class RenderBuffer extends Writer {
    static final int KEEP_CAPACITY = 40 * 1024;
    private static final ThreadLocal<RenderBuffer> SPARE = new ThreadLocal<>();

    private final StringBuilder text = new StringBuilder();

    private RenderBuffer() {}

    /** This thread's buffer, empty; a render inside a render (none today) gets a new one. */
    public static RenderBuffer take() {
        RenderBuffer spare = SPARE.get();
        if (spare == null) {
            return new RenderBuffer();
        }
        SPARE.remove();
        return spare;
    }

    /** The text written; the buffer goes back to this thread for its next render. */
    public String release() {
        String written = text.toString();
        if (text.capacity() <= KEEP_CAPACITY) {
            text.setLength(0);
            SPARE.set(this);
        }
        return written;
    }

    @Override
    public void write(int c) {
        text.append((char) c);
    }

    @Override
    public void write(String s) {
        text.append(s);
    }

    @Override
    public void write(String s, int offset, int length) {
        text.append(s, offset, offset + length);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        text.append(chars, offset, length);
    }

    @Override
    public void flush() {
        // nothing buffered beyond the text itself
    }

    @Override
    public void close() {
        // release() hands the text on; closing keeps it readable
    }
}
