package agento.channels.telegram.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void a_short_reply_is_one_message() {
        assertThat(MessageSplitter.split("Hello", 4096)).containsExactly("Hello");
    }

    @Test
    void a_long_reply_is_cut_at_the_last_paragraph_break_that_fits() {
        String a = "a".repeat(60);
        String b = "b".repeat(30);
        assertThat(MessageSplitter.split(a + "\n\n" + b + "\n\n" + b, 100)).containsExactly(a + "\n\n" + b, b);
    }

    @Test
    void without_paragraphs_it_cuts_at_a_line_break_then_a_space_then_anywhere() {
        assertThat(MessageSplitter.split("x".repeat(70) + "\n" + "y".repeat(50), 100))
                .containsExactly("x".repeat(70), "y".repeat(50));
        assertThat(MessageSplitter.split("x".repeat(70) + " " + "y".repeat(50), 100))
                .containsExactly("x".repeat(70), "y".repeat(50));
        assertThat(MessageSplitter.split("z".repeat(250), 100)).containsExactly("z".repeat(100), "z".repeat(100),
                "z".repeat(50));
    }

    @Test
    void a_hard_cut_never_splits_an_emoji() {
        String text = "z".repeat(99) + "\uD83D\uDE00" + "tail";
        List<String> parts = MessageSplitter.split(text, 100);
        assertThat(parts.get(0)).hasSize(99);
        assertThat(parts.get(1)).startsWith("\uD83D\uDE00");
    }

    @Test
    void every_part_fits_telegrams_limit_and_nothing_is_lost_but_the_breaks() {
        String text = ("A paragraph of words that goes on. ".repeat(30) + "\n\n").repeat(20);
        List<String> parts = MessageSplitter.split(text, MessageSplitter.MAX);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(MessageSplitter.MAX));
        assertThat(String.join("", parts).replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
    }
}
