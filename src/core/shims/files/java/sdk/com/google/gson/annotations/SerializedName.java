package com.google.gson.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gson's field-name annotation, same name and members: on the platform Gson comes with the runtime,
 * so users' JARs leave it out. When the function's class path has no Gson, this copy lets the
 * annotations on event classes load, and the shim's own mapper reads their names.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface SerializedName {
    String value();

    String[] alternate() default {};
}
