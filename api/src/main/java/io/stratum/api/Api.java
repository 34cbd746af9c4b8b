package io.stratum.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How far a public type of an exported package can be relied on, as JUnit's {@code @API} says it.
 * Every public type of every exported Stratum package carries one (a test checks).
 */
@Api(Api.Status.STABLE)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Api {

    Status value();

    /** The promise a type makes to code outside Stratum. */
    enum Status {
        /** Kept compatible within a major version; changed only with a deprecation first. */
        STABLE,
        /** Usable, but may change in any release while its design settles (service interfaces, new query components). */
        EXPERIMENTAL,
        /** Public only because a framework needs it (EclipseLink instantiates platforms by name); not for applications. */
        INTERNAL
    }
}
