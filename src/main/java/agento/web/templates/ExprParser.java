package agento.web.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the expression language of {@link Expr} (recursive descent, OGNL's precedence: {@code or}, {@code and},
 * {@code == !=}, {@code +}, {@code ! not}, then accessors and {@code [key]}). Returns null for anything else, which
 * then always goes to OGNL.
 */
final class ExprParser {
    private final String text;
    private int at;

    private ExprParser(String text) {
        this.text = text;
    }

    /** The parsed expression, or null when it is not one of ours. */
    static Expr parse(String text) {
        try {
            ExprParser parser = new ExprParser(text);
            Expr expr = parser.or();
            parser.skipSpaces();
            return parser.at == text.length() ? expr : null;
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private Expr or() {
        List<Expr> operands = new ArrayList<>(List.of(and()));
        while (keyword("or")) {
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new Expr.Logical(false, List.copyOf(operands));
    }

    private Expr and() {
        List<Expr> operands = new ArrayList<>(List.of(equality()));
        while (keyword("and")) {
            operands.add(equality());
        }
        return operands.size() == 1 ? operands.get(0) : new Expr.Logical(true, List.copyOf(operands));
    }

    private Expr equality() {
        Expr left = concat();
        if (symbol("==")) {
            return new Expr.Equality(true, left, concat());
        }
        if (symbol("!=")) {
            return new Expr.Equality(false, left, concat());
        }
        return left;
    }

    private Expr concat() {
        List<Expr> parts = new ArrayList<>(List.of(unary()));
        while (symbol("+")) {
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Concat(List.copyOf(parts));
    }

    private Expr unary() {
        if (!peek("!=") && symbol("!") || keyword("not")) {
            return new Expr.Not(unary());
        }
        return postfix(primary());
    }

    private Expr primary() {
        skipSpaces();
        if (symbol("(")) {
            Expr inner = or();
            expect(")");
            return inner;
        }
        if (symbol("#maps.containsKey(")) {
            Expr map = or();
            expect(",");
            Expr key = or();
            expect(")");
            return new Expr.ContainsKey(map, key);
        }
        if (peek("'")) {
            String literal = string();
            // OGNL reads a one-character literal as a char, which it then compares and converts its own way
            return new Expr.Literal(literal.length() == 1 ? (Object) literal.charAt(0) : literal);
        }
        if (at < text.length() && Character.isDigit(text.charAt(at))) {
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '.')
                    || text.charAt(start) == '0' && at - start > 1) {  // 3L, 2.5, octal 010: OGNL's to read
                throw new IllegalArgumentException("a number OGNL reads its own way");
            }
            return new Expr.Literal(Integer.valueOf(text.substring(start, at)));
        }
        String name = name();
        return switch (name) {
            case "null" -> new Expr.Literal(null);
            case "true" -> new Expr.Literal(Boolean.TRUE);
            case "false" -> new Expr.Literal(Boolean.FALSE);
            case "and", "or", "not", "new", "this", "root", "eq", "neq", "lt", "gt", "lte", "gte", "in", "bor", "xor",
                    "band", "shl", "shr", "ushr", "instanceof" -> throw new IllegalArgumentException(name); // operators
            // the request's parameters and scopes: Thymeleaf restricts them in some places, so OGNL decides
            case "param", "session", "application" -> throw new IllegalArgumentException(name);
            default -> new Expr.Variable(name);
        };
    }

    private Expr postfix(Expr target) {
        while (true) {
            if (symbol("[")) {
                Expr key = or();
                expect("]");
                target = new Expr.Index(target, key);
            } else if (symbol(".")) {
                String method = name();
                expect("(");
                skipSpaces();
                String argument = peek("'") ? string() : null;
                if (argument != null && argument.length() == 1) {
                    throw new IllegalArgumentException("a char argument"); // OGNL picks the method by char
                }
                expect(")");
                target = new Expr.Call(target, method, argument);
            } else {
                return target;
            }
        }
    }

    private String string() {
        skipSpaces();
        int end = text.indexOf('\'', at + 1);
        if (end < 0 || text.substring(at + 1, end).indexOf('\\') >= 0) {
            throw new IllegalArgumentException("string");
        }
        String value = text.substring(at + 1, end);
        at = end + 1;
        return value;
    }

    private String name() {
        skipSpaces();
        int start = at;
        while (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_'
                || at > start && Character.isDigit(text.charAt(at)))) {
            at++;
        }
        if (at == start || !text.chars().skip(start).limit(at - start).allMatch(c -> c < 128)) {
            throw new IllegalArgumentException("name");
        }
        return text.substring(start, at);
    }

    private boolean keyword(String word) {
        skipSpaces();
        int end = at + word.length();
        if (text.startsWith(word, at) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))
                && text.charAt(end) != '_')) {
            at = end;
            return true;
        }
        return false;
    }

    private boolean symbol(String symbol) {
        skipSpaces();
        if (text.startsWith(symbol, at)) {
            at += symbol.length();
            return true;
        }
        return false;
    }

    private boolean peek(String symbol) {
        skipSpaces();
        return text.startsWith(symbol, at);
    }

    private void expect(String symbol) {
        if (!symbol(symbol)) {
            throw new IllegalArgumentException(symbol);
        }
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
