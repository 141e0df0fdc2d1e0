package agento.web.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A buffer reused between requests must never carry one page's text into the next (another person's) page. */
class RenderBufferTest {

    @Test
    void each_render_on_a_thread_gets_only_its_own_text() {
        RenderBuffer first = RenderBuffer.take();
        first.write("alice's agents: Secret Project");
        assertThat(first.release()).isEqualTo("alice's agents: Secret Project");

        RenderBuffer second = RenderBuffer.take();
        second.write("bob's agents");
        assertThat(second.release()).isEqualTo("bob's agents");
    }

    @Test
    void a_page_the_size_of_the_settings_page_keeps_its_buffer_for_the_next_render() {
        RenderBuffer buffer = RenderBuffer.take();
        buffer.write("s".repeat(20_000) + "…");
        assertThat(buffer.release()).hasSize(20_001);

        RenderBuffer next = RenderBuffer.take();
        assertThat(next).isSameAs(buffer);
        next.write("short");
        assertThat(next.release()).isEqualTo("short");
    }

    @Test
    void a_render_inside_a_render_writes_to_its_own_buffer() {
        RenderBuffer outer = RenderBuffer.take();
        outer.write("outer ");
        RenderBuffer inner = RenderBuffer.take();
        inner.write("inner");
        assertThat(inner.release()).isEqualTo("inner");
        outer.write("page");
        assertThat(outer.release()).isEqualTo("outer page");
    }

    @Test
    void a_page_larger_than_what_is_kept_comes_whole_and_the_next_starts_empty() {
        String large = "x".repeat(RenderBuffer.KEEP_CAPACITY + 10) + "·end";
        RenderBuffer buffer = RenderBuffer.take();
        buffer.write(large);
        assertThat(buffer.release()).isEqualTo(large);

        RenderBuffer next = RenderBuffer.take();
        next.write(new char[] {'o', 'k'}, 0, 2);
        next.write('!');
        assertThat(next.release()).isEqualTo("ok!");
    }
}
