package agento.web.templates;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Which values {@link AccessorEvaluator} calls methods on itself, and how it finds a public method to call. */
final class CallableTypes {
    private CallableTypes() {}

    static boolean allows(Class<?> type) {
        String name = type.getName();
        return name.startsWith("agento.") || name.startsWith("java.util.") || name.startsWith("java.time.")
                || type == String.class;
    }

    /**
     * The public method with this name and these parameters, declared on a type that can be called through: the
     * class itself when it is public or ours, else a public interface or superclass declaring it (a JDK collection's
     * {@code isEmpty()} is called through {@code java.util.List}).
     */
    static Method publicMethod(Class<?> type, String name, Class<?>[] parameters) {
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
        boolean reachable = Modifier.isPublic(c.getModifiers()) || c.getName().startsWith("agento.");
        if (!reachable) {
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
