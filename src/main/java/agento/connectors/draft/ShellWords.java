package agento.connectors.draft;

import java.util.ArrayList;
import java.util.List;

/** Splits a pasted shell command into words: single and double quotes, backslash escapes, line continuations. */
final class ShellWords {
    private ShellWords() {}

    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < command.length()) {
                char next = command.charAt(++i);
                if (next == '\n' || next == '\r') {
                    continue; // a line continuation
                }
                if (quote == '"' && "\"\\$`".indexOf(next) < 0) {
                    word.append('\\');
                }
                word.append(next);
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
