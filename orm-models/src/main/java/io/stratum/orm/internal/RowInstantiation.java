package io.stratum.orm.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.DescriptorCustomizer;
import org.eclipse.persistence.exceptions.DescriptorException;
import org.eclipse.persistence.internal.descriptors.InstantiationPolicy;
import org.eclipse.persistence.internal.sessions.AbstractSession;

/**
 * Has EclipseLink make the entity's instances with its private static {@code fromDatabaseRow()} instead of
 * the public constructor, for an entity whose public constructors fill in defaults a new entity needs (a
 * random id and name, empty JSON values, the creation time). EclipseLink makes instances only to fill
 * every mapped attribute itself (rows it reads, the working copy and backup of each, merges), so the
 * defaults would be made and thrown away, per row: for the runs a claim returns that was a random UUID
 * (SecureRandom), a run name and five empty collections per instance, three instances per run.
 * The method is found once, in the entity's own module, and called without reflection per instance.
 */
public final class RowInstantiation implements DescriptorCustomizer {
    static final String FACTORY_METHOD = "fromDatabaseRow";

    @Override
    public void customize(ClassDescriptor descriptor) {
        descriptor.setInstantiationPolicy(new Policy(factoryOf(descriptor.getJavaClass())));
    }

    private static MethodHandle factoryOf(Class<?> entity) {
        try {
            return MethodHandles.privateLookupIn(entity, MethodHandles.lookup())
                    .findStatic(entity, FACTORY_METHOD, MethodType.methodType(entity))
                    .asType(MethodType.methodType(Object.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(entity.getName() + " has no static " + FACTORY_METHOD
                    + "() returning it, which " + RowInstantiation.class.getSimpleName() + " needs.", e);
        }
    }

    /** The instantiation policy calling the factory; nothing for EclipseLink to look up reflectively. */
    private static final class Policy extends InstantiationPolicy {
        private final MethodHandle factory;

        Policy(MethodHandle factory) {
            this.factory = factory;
        }

        @Override
        public Object buildNewInstance() throws DescriptorException {
            try {
                return (Object) factory.invokeExact();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("Making an instance of " + getDescriptor().getJavaClass().getName()
                        + " failed.", e);
            }
        }

        @Override
        public void initialize(AbstractSession session) {
            // The factory was found when the policy was made.
        }

        @Override
        public boolean isUsingDefaultConstructor() {
            return false;
        }
    }
}
