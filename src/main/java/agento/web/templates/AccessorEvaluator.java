package agento.web.templates;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;
import org.thymeleaf.standard.expression.StandardExpressions;

/**
 * Evaluates {@code ${variable.accessor()...}} expressions on our own records with method handles looked up once,
 * and hands every other expression to OGNL. Through OGNL each record accessor call was a reflective method search
 * plus Thymeleaf's sandbox checks on the target type: about a third of rendering a Settings page.
 * Only Agento's own types and {@code java.util} / {@code java.time} / {@code String} values are called here, the
 * same members OGNL's sandbox lets templates call; expressions in restricted places (fragment parameters from the
 * request, preprocessing) always go to OGNL.
 */
public final class AccessorEvaluator implements IStandardVariableExpressionEvaluator {
    private static final int MAX_CACHED = 4_096;
    private static final AccessorPath NOT_A_PATH = new AccessorPath("", List.of());
    private static final MethodHandle NOT_CALLABLE = MethodHandles.constant(Object.class, null);

    private final IStandardVariableExpressionEvaluator fallback;
    private final Map<String, AccessorPath> paths = new ConcurrentHashMap<>();
    private final Map<Class<?>, Map<AccessorPath.Call, MethodHandle>> handles = new ConcurrentHashMap<>();

    public AccessorEvaluator(IStandardVariableExpressionEvaluator fallback) {
        this.fallback = fallback;
    }

    @Override
    public Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
                           StandardExpressionExecutionContext expContext) {
        String text = expression.getExpression();
        if (text == null || expression.getUseSelectionAsRoot() || expContext.getRestrictVariableAccess()
                || expContext.getRestrictExternalAccess()
                || expContext.getForbidUnsafeExpressionResults()) {
            return fallback.evaluate(context, expression, expContext);
        }
        AccessorPath path = paths.get(text);
        if (path == null) {
            path = Optional.ofNullable(AccessorPath.parse(text)).orElse(NOT_A_PATH);
            if (paths.size() < MAX_CACHED) {
                paths.put(text, path);
            }
        }
        if (path == NOT_A_PATH || !context.containsVariable(path.variable())) {
            return fallback.evaluate(context, expression, expContext);
        }
        Object value = context.getVariable(path.variable());
        for (AccessorPath.Call call : path.calls()) {
            MethodHandle handle = value == null ? NOT_CALLABLE : handle(value.getClass(), call);
            if (handle == NOT_CALLABLE) {
                return fallback.evaluate(context, expression, expContext); // OGNL reports it, or knows another way
            }
            value = invoke(handle, value, call, text);
        }
        return expContext.getPerformTypeConversion()
                ? StandardExpressions.getConversionService(context.getConfiguration()).convert(context, value, String.class)
                : value;
    }

    private static Object invoke(MethodHandle handle, Object target, AccessorPath.Call call, String text) {
        try {
            return call.argument() == null
                    ? (Object) handle.invokeExact(target)
                    : (Object) handle.invokeExact(target, call.argument());
        } catch (Throwable e) {
            throw new TemplateProcessingException("Exception evaluating expression: \"" + text + "\"", e);
        }
    }

    private MethodHandle handle(Class<?> type, AccessorPath.Call call) {
        return handles.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(call, c -> lookUp(type, c));
    }

    private static MethodHandle lookUp(Class<?> type, AccessorPath.Call call) {
        if (!CallableTypes.allows(type)) {
            return NOT_CALLABLE;
        }
        Class<?>[] parameters = call.argument() == null ? new Class<?>[0] : new Class<?>[] {String.class};
        Method method = CallableTypes.publicMethod(type, call.name(), parameters);
        if (method == null || Modifier.isStatic(method.getModifiers()) || method.getReturnType() == void.class) {
            return NOT_CALLABLE;
        }
        try {
            if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                method.setAccessible(true); // a package-private record of ours: public accessor, non-public type
            }
            MethodType shape = call.argument() == null
                    ? MethodType.methodType(Object.class, Object.class)
                    : MethodType.methodType(Object.class, Object.class, String.class);
            return MethodHandles.lookup().unreflect(method).asType(shape);
        } catch (IllegalAccessException | RuntimeException e) {
            return NOT_CALLABLE;
        }
    }
}
