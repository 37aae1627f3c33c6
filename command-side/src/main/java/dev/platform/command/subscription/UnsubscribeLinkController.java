package dev.platform.command.subscription;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ReadModels;
import dev.platform.api.subscription.CancelledVia;
import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.subscription.Unsubscribe;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.SecurityConfiguration;
import dev.platform.infra.security.UnsubscribeTarget;
import dev.platform.infra.security.UnsubscribeTokens;
import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.FieldErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one-click unsubscribe link of new-post e-mails (RFC 8058), no login: the signed {@code token} names the
 * subscription ({@link UnsubscribeTokens}). {@code GET} only shows a page with a button, because link scanners and
 * mail previews follow GETs; {@code POST} (what the button and the mailbox providers' one-click send) cancels.
 * The body of the POST is not read: RFC 8058's {@code List-Unsubscribe=One-Click} form, an empty body and JSON
 * {@code {}} all mean the same, and the token says everything else. So this is the one write of the API that takes a
 * form body; any other content type is 415 as elsewhere.
 */
@RestController
class UnsubscribeLinkController {

    private static final String INVALID = "must be the token of an unsubscribe link of this platform, unaltered";

    private final UnsubscribeTokens tokens;
    private final SubscriptionCommands commands;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    UnsubscribeLinkController(
            UnsubscribeTokens tokens, SubscriptionCommands commands, ReadYourWrites readYourWrites, Clock clock) {
        this.tokens = tokens;
        this.commands = commands;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    record UnsubscribeAnswer(SubscriptionId subscriptionId, String status) {}

    /** A page with a button that posts the same URL; never unsubscribes by itself. */
    @GetMapping(path = SecurityConfiguration.UNSUBSCRIBE_LINK, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@RequestParam(name = "token", required = false) String token) {
        target(token);
        return UnsubscribePages.answer(UnsubscribePages.confirm(token));
    }

    /** Cancels the subscription: 200 also when it already was cancelled; JSON, or HTML for a browser. */
    @PostMapping(
            path = SecurityConfiguration.UNSUBSCRIBE_LINK,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_HTML_VALUE})
    ResponseEntity<?> unsubscribe(
            @RequestParam(name = "token", required = false) String token, HttpServletRequest request) {
        // The headers from the request itself: as @RequestHeader they would be documented as parameters.
        checkContentType(request.getContentType());
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        UnsubscribeTarget target = target(token);
        SubscriptionResult result = commands.unsubscribe(new Unsubscribe(
                target.subscriberId(), target.creatorId(), ApiTime.now(clock), CancelledVia.EMAIL_LINK));
        readYourWrites.await(ReadModels.SUBSCRIPTIONS, result.id().toString(), result.version());
        if (wantsHtml(accept)) {
            return UnsubscribePages.answer(UnsubscribePages.done());
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new UnsubscribeAnswer(result.id(), result.status()));
    }

    private UnsubscribeTarget target(String token) {
        if (token == null || token.isEmpty()) {
            throw FieldErrors.failure("token", "is required");
        }
        return tokens.verify(token).orElseThrow(() -> FieldErrors.failure("token", INVALID));
    }

    private static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                throw unsupported();
            }
            if (MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)
                    || MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
                return;
            }
        } catch (InvalidMediaTypeException malformed) {
            // falls through to the 415, like any type this route does not take
        }
        throw unsupported();
    }

    private static DomainException unsupported() {
        return new DomainException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "The body must be application/x-www-form-urlencoded (List-Unsubscribe=One-Click) or application/json.");
    }

    /**
     * A browser (the page's button) names text/html; API clients and mailbox providers name JSON or nothing and get
     * JSON. HTML only when an explicit text/html is preferred to an explicit JSON.
     */
    static boolean wantsHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return quality(types, MediaType.TEXT_HTML) > quality(types, MediaType.APPLICATION_JSON);
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }

    private static double quality(List<MediaType> types, MediaType wanted) {
        return types.stream()
                .filter(wanted::equalsTypeAndSubtype)
                .mapToDouble(MediaType::getQualityValue)
                .max()
                .orElse(0);
    }
}
