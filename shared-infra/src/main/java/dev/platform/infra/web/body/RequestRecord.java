package dev.platform.infra.web.body;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/** A request record's shape: its components and its canonical constructor, the one way it is built. */
final class RequestRecord {

    private final Class<?> type;
    private final RecordComponent[] components;
    private final Constructor<?> constructor;
    private final int problemsIndex;

    RequestRecord(Class<?> type) {
        if (!type.isRecord() || !JsonRequest.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type + " is no record implementing JsonRequest");
        }
        this.type = type;
        this.components = type.getRecordComponents();
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record always has its canonical constructor", e);
        }
        constructor.setAccessible(true);
        this.problemsIndex = components.length - 1;
        if (problemsIndex < 0 || components[problemsIndex].getType() != BindingProblems.class) {
            throw new IllegalArgumentException(type + ": the last component must be the BindingProblems");
        }
        for (int i = 0; i < problemsIndex; i++) {
            if (components[i].getType() != String.class) {
                throw new IllegalArgumentException(type + "." + components[i].getName()
                        + ": a request field is a String (every field of the API's bodies is a JSON string)");
            }
        }
    }

    Class<?> type() {
        return type;
    }

    /** The fields a client may send, in declaration order (the problems component excluded). */
    RecordComponent[] fields() {
        return Arrays.copyOf(components, problemsIndex);
    }

    /** A record with these field values (by position, {@code null} for absent) and these problems. */
    Object build(String[] values, BindingProblems problems) {
        Object[] arguments = Arrays.copyOf(values, components.length, Object[].class);
        arguments[problemsIndex] = problems;
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(type.getSimpleName() + " refused its fields", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record without fields: a body that was no JSON object. */
    Object notAnObject() {
        return build(new String[problemsIndex], BindingProblems.ofNotAnObject());
    }
}
