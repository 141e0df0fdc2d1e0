package agento.runtime.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Renders a Markdown image as a link to it: an {@code <img>} in a reply would load on its own, and a
 * prompt-injected model could put what it read into the image's address.
 */
final class ImageAsLink implements NodeRenderer {

    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    ImageAsLink(HtmlNodeRendererContext context) {
        this.context = context;
        this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(Image.class);
    }

    @Override
    public void render(Node node) {
        Image image = (Image) node;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("href", context.encodeUrl(context.urlSanitizer().sanitizeLinkUrl(image.getDestination())));
        if (image.getTitle() != null) {
            attributes.put("title", image.getTitle());
        }
        html.tag("a", context.extendAttributes(image, "a", attributes));
        if (image.getFirstChild() == null) {
            html.text("image");
        }
        for (Node child = image.getFirstChild(); child != null; child = child.getNext()) {
            context.render(child);
        }
        html.tag("/a");
    }
}
