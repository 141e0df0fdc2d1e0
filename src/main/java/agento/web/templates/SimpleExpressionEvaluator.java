package agento.web.templates;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.standard.util.StandardExpressionUtils;

/**
 * Evaluates the {@code ${...}} expressions our templates are made of ({@link Expr}: variables, record accessors
 * through cached method handles, map lookups, comparisons, concatenation, {@code and or !}) and hands every other
 * expression to OGNL. Through OGNL each accessor call was a reflective method search plus Thymeleaf's sandbox checks
 * on the target type: about a third of rendering a Settings page. Selections ({@code *{...}}) and expressions in
 * event handler attributes always go to OGNL.
 */
public final class SimpleExpressionEvaluator implements IStandardVariableExpressionEvaluator {
    private static final int MAX_CACHED = 4_096;
    private final IStandardVariableExpressionEvaluator fallback;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
    private final Methods methods = new Methods();

    public SimpleExpressionEvaluator(IStandardVariableExpressionEvaluator fallback) {
        this.fallback = fallback;
    }

    @Override
    public Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
                           StandardExpressionExecutionContext expContext) {
        String text = expression.getExpression();
        // restricted places (fragment parameters, th:with...) forbid request parameters and static or new, none of
        // which our expressions can name; event handler attributes only take safe results, which OGNL checks
        if (text == null || expression.getUseSelectionAsRoot() || expContext.getForbidUnsafeExpressionResults()) {
            return fallback.evaluate(context, expression, expContext);
        }
        Parsed known = parsed.get(text);
        if (known == null) {
            known = new Parsed(ExprParser.parse(text), StandardExpressionUtils.containsExternalAccess(text));
            if (parsed.size() < MAX_CACHED) {
                parsed.put(text, known);
            }
        }
        Expr expr = known.expr();
        if (expr == null || expContext.getRestrictExternalAccess() && known.externalAccess()) {
            return fallback.evaluate(context, expression, expContext);
        }
        Object value;
        try {
            value = expr.eval(context, methods);
        } catch (Expr.Unsupported unsupported) {
            return fallback.evaluate(context, expression, expContext); // OGNL reports it, or knows another way
        } catch (RuntimeException e) {
            throw new TemplateProcessingException("Exception evaluating expression: \"" + text + "\"", e);
        }
        return expContext.getPerformTypeConversion()
                ? StandardExpressions.getConversionService(context.getConfiguration()).convert(context, value, String.class)
                : value;
    }

    /** An expression's text, parsed once: {@code expr} null when it is not ours; whether it names external access. */
    private record Parsed(Expr expr, boolean externalAccess) {}
}
