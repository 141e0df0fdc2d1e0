package agento.common;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A request for {@link OutboundHttp#sendTo}: method, absolute http(s) URI, headers in order, and a body (null for
 * none). Host, Content-Length and Connection are set by the sender.
 */
public record PinnedRequest(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body) {
    public PinnedRequest {
        headers = List.copyOf(headers);
    }
}
