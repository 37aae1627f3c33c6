package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The {@code Link} header of a list answer, from the request being handled. */
class PagingLinksTest {

    private static final String PATH = "/api/v1/creators/c/posts";

    @AfterEach
    void forgetRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void theFirstPageLinksToItselfAndTheNext() {
        request(PATH, "status", "published");

        ResponseEntity<List<String>> answer = Paging.of(null, null).answer(List.of("a"), 45, "status");

        assertThat(answer.getHeaders().getFirst(Paging.TOTAL_COUNT)).isEqualTo("45");
        assertThat(answer.getHeaders().getFirst("Link"))
                .isEqualTo("<" + PATH + "?status=published&limit=20&offset=0>; rel=\"first\", <" + PATH
                        + "?status=published&limit=20&offset=20>; rel=\"next\"");
    }

    @Test
    void aMiddlePageLinksBackAndForthAndTheLastHasNoNext() {
        request(PATH, "limit", "10", "offset", "15");
        assertThat(Paging.of("10", "15").answer(List.of(), 30).getHeaders().getFirst("Link"))
                .isEqualTo("<" + PATH + "?limit=10&offset=0>; rel=\"first\", <" + PATH
                        + "?limit=10&offset=5>; rel=\"prev\", <" + PATH + "?limit=10&offset=25>; rel=\"next\"");

        request(PATH, "limit", "10", "offset", "25");
        assertThat(Paging.of("10", "25").answer(List.of(), 30).getHeaders().getFirst("Link"))
                .doesNotContain("rel=\"next\"")
                .contains("<" + PATH + "?limit=10&offset=15>; rel=\"prev\"");
    }

    @Test
    void aWindowPastTheEndLinksBackToTheLastItemsAndABeginningBeforeTheLimitToTheStart() {
        request(PATH, "offset", "500", "limit", "10");
        assertThat(Paging.of("10", "500").answer(List.of(), 30).getHeaders().getFirst("Link"))
                .contains("<" + PATH + "?limit=10&offset=20>; rel=\"prev\"")
                .doesNotContain("rel=\"next\"");

        request(PATH, "offset", "3", "limit", "10");
        assertThat(Paging.of("10", "3").answer(List.of(), 30).getHeaders().getFirst("Link"))
                .contains("<" + PATH + "?limit=10&offset=0>; rel=\"prev\"");
    }

    @Test
    void theListsFiltersAreKeptInTheListsOrderAndEncodedStrictlyAndOtherParametersLeftOut() {
        request(PATH, "b", "x,y; z>", "offset", "1", "ignored", "x".repeat(5000), "a", "é&=");

        assertThat(Paging.of(null, "1")
                        .answer(List.of(), 0, "b", "a")
                        .getHeaders()
                        .getFirst("Link"))
                .isEqualTo("<" + PATH + "?b=x%2Cy%3B%20z%3E&a=%C3%A9%26%3D&limit=20&offset=0>; rel=\"first\", <" + PATH
                        + "?b=x%2Cy%3B%20z%3E&a=%C3%A9%26%3D&limit=20&offset=0>; rel=\"prev\"");
    }

    @Test
    void aStreamPagedByACursorAsksForTheItemsAfterTheLastOneNext() {
        request("/api/v1/admin/events", "after", "100", "limit", "2", "offset", "4");

        String links = Paging.of("2", "4")
                .answer(List.of(105L, 107L), 10, "after", position -> position)
                .getHeaders()
                .getFirst("Link");

        assertThat(links)
                .isEqualTo("</api/v1/admin/events?after=100&limit=2&offset=0>; rel=\"first\", "
                        + "</api/v1/admin/events?after=100&limit=2&offset=2>; rel=\"prev\", "
                        + "</api/v1/admin/events?after=107&limit=2>; rel=\"next\"");
    }

    @Test
    void theLastWindowOfAStreamHasNoNext() {
        request("/api/v1/admin/events", "limit", "2");

        assertThat(Paging.of("2", null)
                        .answer(List.of(1L, 2L), 2, "after", position -> position)
                        .getHeaders()
                        .getFirst("Link"))
                .isEqualTo("</api/v1/admin/events?limit=2&offset=0>; rel=\"first\"");
    }

    private static void request(String path, String... parameters) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        for (int i = 0; i < parameters.length; i += 2) {
            request.addParameter(parameters[i], parameters[i + 1]);
        }
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }
}
