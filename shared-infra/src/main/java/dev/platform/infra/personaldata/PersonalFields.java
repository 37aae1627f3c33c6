package dev.platform.infra.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The personal fields of the stored events, and how they are sealed and opened in an event's JSON. The events are
 * named by their stored type (a string: what is in the table, whatever the class is called now).
 *
 * <p>A sealed field is an object {@code {"sealed": "<base64 of nonce, ciphertext and tag>", "key": "<key id>"}} in
 * place of the string; a field stored before encryption is still the string (both shapes read). Opening a field
 * of an erased user gives {@code null}, and the event gains {@code "personalData": "erased"} (the marker the API
 * reference defines), whatever shape the field had.
 */
@Component
public class PersonalFields {

    /** The marker field added to the payload of a personal event of an erased user, and its value. */
    public static final String MARKER = "personalData";

    public static final String ERASED = "erased";

    /** Whose data it is: every personal event names its user in this field. */
    static final String SUBJECT = "userId";

    private static final Map<String, List<String>> FIELDS = Map.of(
            "dev.platform.api.user.UserRegistered", List.of("email", "username"),
            "dev.platform.api.user.UserProfileUpdated", List.of("username", "bio"));

    private final PersonalDataKeys keys;

    PersonalFields(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** The stored type names of the events that hold personal data. */
    public static java.util.Set<String> types() {
        return FIELDS.keySet();
    }

    public static boolean holdsPersonalData(String storedType) {
        return FIELDS.containsKey(storedType);
    }

    /**
     * The payload with its personal fields sealed with the user's key, made now if they have none (in the caller's
     * transaction, the one storing the event). An erased user's fields are written as {@code null} with the marker:
     * their key is never made again.
     */
    ObjectNode seal(String storedType, ObjectNode payload) {
        ObjectNode out = payload.deepCopy();
        if (!hasClearField(storedType, out)) {
            return out;
        }
        UUID user = subject(out);
        var key = keys.sealingKey(user);
        if (key.isEmpty()) {
            return erased(storedType, out);
        }
        for (String field : FIELDS.get(storedType)) {
            JsonNode value = out.get(field);
            if (value != null && value.isTextual()) {
                byte[] sealed = PersonalDataCipher.seal(key.get().secret, context(user, field), value.asText());
                ObjectNode envelope = out.objectNode();
                envelope.put("sealed", Base64.getEncoder().encodeToString(sealed));
                envelope.put("key", key.get().keyId);
                out.set(field, envelope);
            }
        }
        return out;
    }

    /**
     * The payload with its personal fields opened: clear values for a user with a key or none (an event stored
     * before encryption), {@code null} and the marker for an erased user. A sealed field whose key is missing (not
     * erased: a key table restored from an older backup) or different is an error, never read as erased silently.
     */
    public ObjectNode open(String storedType, ObjectNode payload) {
        ObjectNode out = payload.deepCopy();
        UUID user = subject(out);
        PersonalDataKeys.State state = keys.state(user);
        if (state instanceof PersonalDataKeys.Erased) {
            return erased(storedType, out);
        }
        for (String field : FIELDS.get(storedType)) {
            JsonNode value = out.get(field);
            if (isSealed(value)) {
                if (!(state instanceof PersonalDataKeys.Active active)) {
                    throw new IllegalStateException("no key for the sealed personal data of user " + user);
                }
                if (!active.keyId.equals(value.path("key").asText())) {
                    throw new IllegalStateException("personal data of user " + user + " sealed with key "
                            + value.path("key").asText() + ", not the user's key " + active.keyId);
                }
                byte[] sealed = Base64.getDecoder().decode(value.path("sealed").asText());
                out.put(field, PersonalDataCipher.open(active.secret, context(user, field), sealed));
            }
        }
        return out;
    }

    /** Whether a personal field of this payload is still in clear (an event stored before encryption). */
    public static boolean hasClearField(String storedType, JsonNode payload) {
        for (String field : FIELDS.get(storedType)) {
            if (payload.path(field).isTextual()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a personal field of this payload is sealed. */
    static boolean hasSealedField(String storedType, JsonNode payload) {
        for (String field : FIELDS.get(storedType)) {
            if (isSealed(payload.get(field))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSealed(JsonNode value) {
        return value != null && value.isObject() && value.has("sealed");
    }

    private static ObjectNode erased(String storedType, ObjectNode payload) {
        for (String field : FIELDS.get(storedType)) {
            if (payload.has(field)) {
                payload.putNull(field);
            }
        }
        payload.put(MARKER, ERASED);
        return payload;
    }

    private static UUID subject(JsonNode payload) {
        return UUID.fromString(payload.path(SUBJECT).asText());
    }

    private static String context(UUID user, String field) {
        return user + "/" + field;
    }
}
