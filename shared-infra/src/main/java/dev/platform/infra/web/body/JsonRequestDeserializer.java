package dev.platform.infra.web.body;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds a request body to its {@link JsonRequest} record without ever failing on what the body holds (malformed
 * JSON still fails, before anything else). Jackson's own binding stops at the first unknown field or wrong type;
 * the API answers every problem of a body at once, beside the record's constraints, so binding collects them in
 * {@link BindingProblems} instead: each field the record does not have, each value that is no JSON string (see
 * {@link JsonString}), or a body that is no JSON object. A problem field is left {@code null} in the record.
 * Field names are the web mapper's (snake_case), as its introspection of the record tells them.
 */
final class JsonRequestDeserializer extends StdDeserializer<Object> {

    /** One field a client may send: its position in the record and how its JSON is taken. */
    private record Field(int index, String name, JsonString.Null nulls, String message) {}

    private final RequestRecord record;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    JsonRequestDeserializer(BeanDescription description) {
        super(description.getBeanClass());
        this.record = new RequestRecord(description.getBeanClass());
        Map<String, String> jsonNames = new HashMap<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            jsonNames.put(property.getInternalName(), property.getName());
        }
        RecordComponent[] components = record.fields();
        for (int i = 0; i < components.length; i++) {
            JsonString rule = components[i].getAnnotation(JsonString.class);
            String name = jsonNames.getOrDefault(components[i].getName(), components[i].getName());
            fields.put(
                    name,
                    rule == null
                            ? new Field(i, name, JsonString.Null.ABSENT, JsonString.MUST_BE_A_STRING)
                            : new Field(i, name, rule.nulls(), rule.message()));
        }
    }

    /**
     * Jackson keeps a deserializer only when it says it may be kept; without this every request body (Spring's
     * {@code canRead} and the read itself) introspected its record and built a new one: 12 % of a {@code POST /posts}
     * request thread in the benchmark's profile. It holds nothing but what the record's type decides.
     */
    @Override
    public boolean isCachable() {
        return true;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.isExpectedStartObjectToken()) {
            p.skipChildren();
            return record.notAnObject();
        }
        ObjectNode body = (ObjectNode) ctxt.readTree(p);
        String[] values = new String[fields.size()];
        Map<String, String> problems = new LinkedHashMap<>();
        body.fields().forEachRemaining(entry -> {
            Field field = fields.get(entry.getKey());
            if (field == null) {
                problems.put(entry.getKey(), BindingProblems.NOT_ACCEPTED);
            } else {
                take(field, entry.getValue(), values, problems);
            }
        });
        return record.build(values, problems.isEmpty() ? BindingProblems.NONE : new BindingProblems(problems));
    }

    private static void take(Field field, JsonNode value, String[] values, Map<String, String> problems) {
        if (value.isTextual()) {
            values[field.index()] = value.textValue();
        } else if (value.isNull() && field.nulls() == JsonString.Null.ABSENT) {
            values[field.index()] = null;
        } else if (value.isNull() && field.nulls() == JsonString.Null.EMPTY) {
            values[field.index()] = "";
        } else {
            problems.put(field.name(), field.message());
        }
    }
}
