package agento.web.templates;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.thymeleaf.util.ExpressionUtils;

/**
 * The methods templates call, as method handles looked up once per type and name. Only Agento's own types and
 * {@code java.util} / {@code java.time} / {@code String} values are called here, and only members Thymeleaf's
 * sandbox allows on them; any other call throws {@link Expr.Unsupported} and OGNL evaluates the expression.
 */
final class Methods {
    private static final MethodHandle NOT_CALLABLE = MethodHandles.constant(Object.class, null);
    private static final MethodType NO_ARGUMENT = MethodType.methodType(Object.class, Object.class);
    private static final MethodType ONE_STRING = MethodType.methodType(Object.class, Object.class, String.class);

    private record Key(Class<?> type, String name, boolean withArgument) {}

    private final Map<Key, MethodHandle> handles = new ConcurrentHashMap<>();

    /**
     * One call in one parsed expression, which nearly always meets one type: it keeps the handle it called last, so
     * the next call skips the shared map (a key built and hashed per call was about 8% of rendering Settings).
     */
    static final class CallSite {
        private record Last(Class<?> type, MethodHandle handle) {}

        private volatile Last last;
    }

    Object call(Object target, String name, String argument, CallSite site) {
        CallSite.Last last = site.last;
        MethodHandle handle;
        if (last != null && last.type() == target.getClass()) {
            handle = last.handle();
        } else {
            handle = handles.computeIfAbsent(new Key(target.getClass(), name, argument != null),
                    key -> ExpressionUtils.isMemberForbidden(target, name) ? NOT_CALLABLE : lookUp(key));
            site.last = new CallSite.Last(target.getClass(), handle);
        }
        if (handle == NOT_CALLABLE) {
            throw Expr.Unsupported.INSTANCE;
        }
        try {
            return argument == null ? (Object) handle.invokeExact(target) : (Object) handle.invokeExact(target, argument);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle lookUp(Key key) {
        if (!allows(key.type())) {
            return NOT_CALLABLE;
        }
        Class<?>[] parameters = key.withArgument() ? new Class<?>[] {String.class} : new Class<?>[0];
        Method method = publicMethod(key.type(), key.name(), parameters);
        if (method == null || Modifier.isStatic(method.getModifiers()) || method.getReturnType() == void.class) {
            return NOT_CALLABLE;
        }
        try {
            if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                method.setAccessible(true); // a package-private record of ours: public accessor, non-public type
            }
            return MethodHandles.lookup().unreflect(method).asType(key.withArgument() ? ONE_STRING : NO_ARGUMENT);
        } catch (IllegalAccessException | RuntimeException e) {
            return NOT_CALLABLE;
        }
    }

    private static boolean allows(Class<?> type) {
        String name = type.getName();
        return name.startsWith("agento.") || name.startsWith("java.util.") || name.startsWith("java.time.")
                || type == String.class;
    }

    /**
     * The public method with this name and these parameters, declared on a type that can be called through: the
     * class itself when it is public or ours, else a public interface or superclass declaring it (a JDK collection's
     * {@code isEmpty()} is called through {@code java.util.List}).
     */
    private static Method publicMethod(Class<?> type, String name, Class<?>[] parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Method found = declared(c, name, parameters);
            if (found != null) {
                return found;
            }
            for (Class<?> i : c.getInterfaces()) {
                Method viaInterface = publicMethod(i, name, parameters);
                if (viaInterface != null) {
                    return viaInterface;
                }
            }
        }
        return null;
    }

    private static Method declared(Class<?> c, String name, Class<?>[] parameters) {
        if (!Modifier.isPublic(c.getModifiers()) && !c.getName().startsWith("agento.")) {
            return null;
        }
        try {
            Method method = c.getDeclaredMethod(name, parameters);
            return Modifier.isPublic(method.getModifiers()) ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
