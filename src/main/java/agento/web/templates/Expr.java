package agento.web.templates;

import java.util.List;
import java.util.Map;
import ognl.OgnlOps;
import org.thymeleaf.context.IExpressionContext;

/**
 * A parsed template expression of the small language our templates use: variables, record accessors, map lookups,
 * {@code #maps.containsKey}, literals, {@code == != + and or !}. Evaluates as OGNL would; a case it does not cover
 * (a call on null, a type it does not call, numbers it would have to convert) throws {@link Unsupported}, and the
 * expression is then evaluated by OGNL instead.
 */
sealed interface Expr {
    Object eval(IExpressionContext context, Methods methods);

    /** Not evaluated here: OGNL evaluates the whole expression instead. Thrown without a stack trace. */
    final class Unsupported extends RuntimeException {
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super("left to OGNL", null, false, false);
        }
    }

    record Literal(Object value) implements Expr {
        public Object eval(IExpressionContext context, Methods methods) {
            return value;
        }
    }

    record Variable(String name) implements Expr {
        public Object eval(IExpressionContext context, Methods methods) {
            return context.getVariable(name);
        }
    }

    /** {@code target.name()} or {@code target.name('literal')}; {@code site} remembers the handle last called. */
    record Call(Expr target, String name, String argument, Methods.CallSite site) implements Expr {
        Call(Expr target, String name, String argument) {
            this(target, name, argument, new Methods.CallSite());
        }

        public Object eval(IExpressionContext context, Methods methods) {
            Object on = target.eval(context, methods);
            if (on == null) {
                throw Unsupported.INSTANCE;
            }
            return methods.call(on, name, argument, site);
        }
    }

    /** {@code map[key]}. */
    record Index(Expr target, Expr key) implements Expr {
        public Object eval(IExpressionContext context, Methods methods) {
            if (!(target.eval(context, methods) instanceof Map<?, ?> map)) {
                throw Unsupported.INSTANCE;
            }
            return map.get(key.eval(context, methods));
        }
    }

    /** {@code #maps.containsKey(map, key)}. */
    record ContainsKey(Expr map, Expr key) implements Expr {
        public Object eval(IExpressionContext context, Methods methods) {
            if (!(map.eval(context, methods) instanceof Map<?, ?> m)) {
                throw Unsupported.INSTANCE;
            }
            return m.containsKey(key.eval(context, methods));
        }
    }

    record Not(Expr operand) implements Expr {
        public Object eval(IExpressionContext context, Methods methods) {
            return !truthy(operand.eval(context, methods));
        }
    }

    /** {@code and} / {@code or}: as OGNL, the value of the operand that decided, not a boolean. */
    record Logical(boolean and, List<Expr> operands) implements Expr {
        public Object eval(IExpressionContext context, Methods methods) {
            Object value = null;
            for (Expr operand : operands) {
                value = operand.eval(context, methods);
                if (truthy(value) != and) {
                    return value;
                }
            }
            return value;
        }
    }

    record Equality(boolean equal, Expr left, Expr right) implements Expr {
        public Object eval(IExpressionContext context, Methods methods) {
            Object a = left.eval(context, methods);
            Object b = right.eval(context, methods);
            boolean same;
            if (a == null || b == null) {
                same = a == b;
            } else if (a instanceof Number && b instanceof Number) {
                same = OgnlOps.equal(a, b); // OGNL's numeric rules (widening, doubles), exactly
            } else if (a.getClass() == b.getClass() || a instanceof String && b instanceof String) {
                same = a.equals(b);
            } else {
                throw Unsupported.INSTANCE; // OGNL converts between types here
            }
            return same == equal;
        }
    }

    /** {@code +} where one side is a string: concatenation, as OGNL does it. */
    record Concat(List<Expr> parts) implements Expr {
        public Object eval(IExpressionContext context, Methods methods) {
            Object value = parts.get(0).eval(context, methods);
            for (Expr part : parts.subList(1, parts.size())) {
                Object next = part.eval(context, methods);
                if (value == null || next == null || !(value instanceof String) && !(next instanceof String)) {
                    throw Unsupported.INSTANCE; // numeric addition: left to OGNL
                }
                value = String.valueOf(value) + next;
            }
            return value;
        }
    }

    /** OGNL's truth: null is false, a string is true when it says "true", numbers unless zero, other values true. */
    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return Boolean.parseBoolean(s);
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof Character c) {
            return c != 0;
        }
        return true;
    }
}
