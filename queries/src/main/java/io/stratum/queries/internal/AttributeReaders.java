package io.stratum.queries.internal;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.function.Function;
import org.eclipse.persistence.mappings.DatabaseMapping;

/**
 * How hand-written INSERTs read an entity's attribute: through the entity's public getter of the
 * attribute (a getter returning the attribute's field as it is, as every entity of io.stratum.orm's has),
 * called through a function generated once per column. EclipseLink's own read (a reflective field read
 * per value) was a quarter of the scheduler insert's Java work per run (JFR, benchmark 7: some 55 columns
 * of every run and state read one by one). An attribute without such a getter is read as EclipseLink reads it.
 */
final class AttributeReaders {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private AttributeReaders() {
    }

    static Function<Object, Object> of(Class<?> entityClass, DatabaseMapping mapping) {
        Function<Object, Object> getter = getter(entityClass, mapping.getAttributeName());
        return getter != null ? getter : mapping::getAttributeValueFromObject;
    }

    /** The public no-argument getter of the attribute returning the field's own type, or {@code null}. */
    @SuppressWarnings("unchecked")
    private static Function<Object, Object> getter(Class<?> entityClass, String attribute) {
        Field field = field(entityClass, attribute);
        if (field == null || attribute.isEmpty()) {
            return null;
        }
        String suffix = attribute.substring(0, 1).toUpperCase(Locale.ROOT) + attribute.substring(1);
        for (String name : new String[] {"get" + suffix, "is" + suffix}) {
            Method method;
            try {
                method = entityClass.getMethod(name);
            } catch (NoSuchMethodException absent) {
                continue;
            }
            if (method.getReturnType() != field.getType() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            try {
                MethodHandle handle = LOOKUP.unreflect(method);
                CallSite site = LambdaMetafactory.metafactory(LOOKUP, "apply", MethodType.methodType(Function.class),
                        MethodType.methodType(Object.class, Object.class), handle,
                        MethodType.methodType(MethodType.methodType(field.getType()).wrap().returnType(), entityClass));
                return (Function<Object, Object>) site.getTarget().invoke();
            } catch (Throwable inaccessible) {
                // Not public to this module (or not linkable): EclipseLink's read still works.
                return null;
            }
        }
        return null;
    }

    private static Field field(Class<?> type, String attribute) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(attribute);
            } catch (NoSuchFieldException notHere) {
                // a superclass may declare it
            }
        }
        return null;
    }
}
