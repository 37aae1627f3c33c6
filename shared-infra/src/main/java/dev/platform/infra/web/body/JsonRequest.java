package dev.platform.infra.web.body;

/**
 * A request body of the API, bound to a record by {@link JsonRequestDeserializer}: implemented by every request
 * record. Binding never fails on what a body holds; what the record could not take (a field the endpoint does not
 * accept, a value of the wrong JSON type, a body that is no JSON object) is kept in {@link #problems()}, the
 * record's last component. So a controller may check who is calling before the body is judged, and every problem
 * of a body is answered together with the record's own constraints in one 400 ({@link BodyErrors}).
 */
@BoundWithoutProblems
public interface JsonRequest {

    /** What binding found wrong; empty for a body that fits the record. */
    BindingProblems problems();
}
