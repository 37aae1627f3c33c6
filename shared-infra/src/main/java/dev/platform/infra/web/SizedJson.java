package dev.platform.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * The API's JSON bodies, written whole with their {@code Content-Length}. Spring's Jackson converter writes into the
 * response and flushes it, which commits the answer without a length: Tomcat then sends it chunked, the headers and
 * the body at the flush and the terminating chunk when the request ends, two socket writes for every answer. Here a
 * body of up to {@value #SIZED} bytes (a post, a page of a list) is serialized first and sent with its length, one
 * write; a longer one goes on into the response as it is written, chunked as before, so no answer is held in memory
 * whole.
 */
final class SizedJson extends MappingJackson2HttpMessageConverter {

    static final int SIZED = 32 * 1024;

    SizedJson(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    protected void writeInternal(Object object, Type type, HttpOutputMessage output)
            throws IOException, HttpMessageNotWritableException {
        Body body = new Body(output);
        super.writeInternal(object, type, new HttpOutputMessage() {
            @Override
            public OutputStream getBody() {
                return body;
            }

            @Override
            public HttpHeaders getHeaders() {
                return output.getHeaders();
            }
        });
        body.finish();
    }

    /** Keeps what is written until it passes {@link #SIZED} bytes, then hands it all to the response. */
    private static final class Body extends OutputStream {

        private final HttpOutputMessage output;
        private ByteArrayOutputStream kept = new ByteArrayOutputStream(512);
        private OutputStream response;

        Body(HttpOutputMessage output) {
            this.output = output;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (response == null && kept.size() + length > SIZED) {
                response = output.getBody();
                kept.writeTo(response);
                kept = null;
            }
            if (response != null) {
                response.write(bytes, offset, length);
            } else {
                kept.write(bytes, offset, length);
            }
        }

        /** The converter flushes once the body is written: the response's own flush comes after {@link #finish}. */
        @Override
        public void flush() {}

        void finish() throws IOException {
            if (response == null) {
                output.getHeaders().setContentLength(kept.size());
                kept.writeTo(output.getBody());
            }
        }
    }
}
