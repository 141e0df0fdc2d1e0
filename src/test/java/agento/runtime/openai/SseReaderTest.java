package agento.runtime.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import agento.runtime.openai.SseReader.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void an_event_type_and_its_data_end_at_a_blank_line() throws IOException {
        assertThat(events("event: response.output_text.delta\ndata: {\"delta\":\"Hi\"}\n\n"))
                .containsExactly(new Event("response.output_text.delta", "{\"delta\":\"Hi\"}"));
    }

    @Test
    void crlf_and_lone_cr_end_lines_like_lf() throws IOException {
        assertThat(events("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\n"))
                .containsExactly(new Event("a", "1"), new Event("b", "2"), new Event("message", "3"));
    }

    @Test
    void a_crlf_split_across_two_reads_is_one_line_end() throws IOException {
        InputStream oneByteAtATime = new ByteArrayInputStream(bytes("data: x\r\n\r\ndata: y\r\n\r\n")) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(all(new SseReader(oneByteAtATime, 100, 1000)))
                .containsExactly(new Event("message", "x"), new Event("message", "y"));
    }

    @Test
    void several_data_lines_join_with_newlines() throws IOException {
        assertThat(events("data: first\ndata:second\ndata:  third\n\n"))
                .containsExactly(new Event("message", "first\nsecond\n third"));
    }

    @Test
    void comments_unknown_fields_and_events_without_data_are_skipped() throws IOException {
        assertThat(events(": keep-alive\nid: 7\nretry: 100\nevent: ping\n\nevent: real\ndata: x\n\n"))
                .containsExactly(new Event("real", "x"));
    }

    @Test
    void the_done_marker_is_ordinary_data() throws IOException {
        assertThat(events("data: [DONE]\n\n")).containsExactly(new Event("message", "[DONE]"));
    }

    @Test
    void an_event_cut_off_by_the_end_of_the_stream_is_dropped() throws IOException {
        assertThat(events("data: whole\n\ndata: half")).containsExactly(new Event("message", "whole"));
        assertThat(events("")).isEmpty();
    }

    @Test
    void a_leading_byte_order_mark_is_ignored_and_utf8_is_decoded() throws IOException {
        assertThat(events("\uFEFFdata: héllo ✓ 👋\n\n")).containsExactly(new Event("message", "héllo ✓ 👋"));
    }

    @Test
    void a_line_longer_than_the_limit_ends_the_stream() {
        SseReader reader = new SseReader(new ByteArrayInputStream(bytes("data: " + "x".repeat(100) + "\n\n")), 50,
                10_000);
        assertThatThrownBy(reader::next).isInstanceOf(SseReader.LimitExceeded.class).hasMessage("50 bytes in one line");
    }

    @Test
    void a_stream_longer_than_the_limit_ends_after_the_events_within_it() throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(bytes("data: x\n\n".repeat(10_000))), 100,
                64 * 1024);
        int events = 0;
        try {
            while (reader.next() != null) {
                events++;
            }
        } catch (SseReader.LimitExceeded expected) {
            assertThat(expected).hasMessage("64 KiB in all");
        }
        assertThat(events).isGreaterThan(0).isLessThan(10_000);
        assertThat(reader.bytesRead()).isLessThanOrEqualTo(64 * 1024 + 8192);
    }

    private static List<Event> events(String stream) throws IOException {
        return all(new SseReader(new ByteArrayInputStream(bytes(stream)), 1000, 100_000));
    }

    private static List<Event> all(SseReader reader) throws IOException {
        List<Event> events = new ArrayList<>();
        for (Event event = reader.next(); event != null; event = reader.next()) {
            events.add(event);
        }
        return events;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
