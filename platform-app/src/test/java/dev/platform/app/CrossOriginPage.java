package dev.platform.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A web page on another origin than the API: a small HTTP server of the JDK on a port of its own serves
 * {@code /journey.html}, whose script calls the API named in its query ({@code ?api=http://localhost:<port>}) with
 * {@code fetch}: registers a creator (named by {@code s}, so a test can look for it), logs in, writes two posts and
 * reads the first page of their list, then writes what it saw (or the error that stopped it) into
 * {@code <pre id="outcome">}. The server listens on the loopback address, so the page has two origins:
 * {@link #allowedOrigin()} (by address, allowed in the tests' configuration) and {@link #foreignOrigin()} (by name,
 * allowed nowhere). It starts with the first use and serves until the JVM ends.
 */
final class CrossOriginPage {

    private static final String JOURNEY = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>journey</title></head><body>
            <pre id="outcome">running</pre>
            <script>
            const query = new URLSearchParams(location.search);
            const api = query.get('api') + '/api/v1';
            const s = query.get('s');
            const email = 'b' + s + '@example.com';
            const password = 'browser-' + s;
            const json = {'Content-Type': 'application/json'};
            async function journey() {
              const registered = await fetch(api + '/users/register', {method: 'POST', headers: json,
                  body: JSON.stringify({email, password, username: 'b_' + s, role: 'creator'})});
              const user = await registered.json();
              const login = await fetch(api + '/users/login', {method: 'POST', headers: json,
                  body: JSON.stringify({email, password})});
              const auth = {'Authorization': 'Bearer ' + (await login.json()).access_token};
              let location = null;
              for (const title of ['First', 'Second']) {
                const created = await fetch(api + '/posts', {method: 'POST', headers: {...json, ...auth},
                    body: JSON.stringify({title, content: 'Written in a browser.'})});
                location = created.headers.get('Location');
              }
              const list = await fetch(api + '/creators/' + user.id + '/posts?limit=1', {headers: auth});
              const items = await list.json();
              return {registered: registered.status, user_id: user.id, status: list.status, items: items.length,
                  total: list.headers.get('X-Total-Count'), link: list.headers.get('Link'), location,
                  request_id: list.headers.get('X-Request-Id')};
            }
            journey().then(
                seen => document.getElementById('outcome').textContent = JSON.stringify(seen),
                error => document.getElementById('outcome').textContent = 'failed: ' + error.name);
            </script>
            </body></html>
            """;

    private static final HttpServer SERVER = start();

    private CrossOriginPage() {}

    /** The origin the tests' application allows ({@code platform.cors.allowed-origins}). */
    static String allowedOrigin() {
        return "http://127.0.0.1:" + SERVER.getAddress().getPort();
    }

    /** The same page by another name: an origin no configuration allows. */
    static String foreignOrigin() {
        return "http://localhost:" + SERVER.getAddress().getPort();
    }

    /** The journey page at {@code origin}, calling the API on {@code apiPort} as the user named by {@code s}. */
    static String journey(String origin, int apiPort, String s) {
        return origin + "/journey.html?api=http://localhost:" + apiPort + "&s=" + s;
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/journey.html", exchange -> {
                byte[] page = JOURNEY.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(page);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
