package agento.runtime.web;

import agento.runtime.chat.MarkdownRenderer;
import agento.runtime.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;

/** A finished reply cut where its tool calls happened: Markdown, a call, Markdown... each part rendered on its own. */
final class ReplyParts {

    /** Either rendered Markdown ({@code html}) or a tool call. */
    record Part(String html, ToolCallView call) {}

    private ReplyParts() {}

    static List<Part> of(String text, List<ToolCall> calls, MarkdownRenderer markdown) {
        if (calls.isEmpty()) {
            return List.of(new Part(markdown.render(text), null));
        }
        List<Part> parts = new ArrayList<>();
        int from = 0;
        for (ToolCall call : calls) {
            int at = Math.max(from, Math.min(call.textOffset(), text.length()));
            addText(parts, text.substring(from, at), markdown);
            parts.add(new Part(null, ToolCallView.of(call)));
            from = at;
        }
        addText(parts, text.substring(from), markdown);
        return parts;
    }

    /** A reply still streaming shows its calls only to a browser without JavaScript (the stream shows them else). */
    static List<Part> callsOnly(List<ToolCall> calls) {
        return calls.stream().map(c -> new Part(null, ToolCallView.of(c))).toList();
    }

    private static void addText(List<Part> parts, String text, MarkdownRenderer markdown) {
        if (!text.isBlank()) {
            parts.add(new Part(markdown.render(text), null));
        }
    }
}
