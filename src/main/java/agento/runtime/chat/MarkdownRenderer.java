package agento.runtime.chat;

import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns model output (untrusted: a prompt can make the model type anything) into HTML that is safe to put in
 * a page: raw HTML comes out as escaped text, so neither tags nor htmx attributes survive; links keep only
 * http, https and mailto targets and get rel="noopener nofollow"; images become links, so a reply cannot
 * make the browser fetch an address by itself. Thread-safe; share one.
 */
public final class MarkdownRenderer {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            // the default also allows data: URLs
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (tagName.equals("a")) {
                    attributes.put("rel", "noopener nofollow");
                }
            })
            .nodeRendererFactory(ImageAsLink::new)
            .build();

    /** The HTML for {@code markdown}; null renders as nothing. */
    public String render(String markdown) {
        return renderer.render(parser.parse(markdown == null ? "" : markdown));
    }
}
