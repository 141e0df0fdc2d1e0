package agento.channels.telegram.poller;

import java.util.ArrayList;
import java.util.List;

/** Telegram takes at most 4,096 characters a message: longer replies go in parts, cut at a paragraph or line break. */
final class MessageSplitter {
    static final int MAX = 4096;

    private MessageSplitter() {}

    static List<String> split(String text, int max) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = cutAt(rest, max);
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).replaceFirst("^[\\r\\n]+", "");
        }
        if (!rest.isBlank() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    // the last paragraph break, else line break, else space that leaves a part of a reasonable size; else a hard cut
    private static int cutAt(String text, int max) {
        int floor = max / 4;
        for (String separator : new String[] {"\n\n", "\n", " "}) {
            int at = text.lastIndexOf(separator, max - separator.length());
            if (at >= floor) {
                return at + separator.length();
            }
        }
        return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }
}
