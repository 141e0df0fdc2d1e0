package agento.common;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 exchange on a socket connected to an address the caller has already checked, so a second DNS answer
 * can never send the request elsewhere. TLS still verifies the certificate against the host name (and sends it as
 * SNI). Every read is bounded by what is left of the total timeout, so a slow trickle cannot outlast it.
 */
final class PinnedExchange {
    private PinnedExchange() {}

    static OutboundHttp.Answer run(PinnedRequest request, InetAddress address, Duration connectTimeout,
                                   Duration timeout, int maxBodyBytes) throws OutboundHttp.Failure {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = request.uri();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        byte[] head = head(request, uri, port, https);
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(address, port), (int) Math.min(connectTimeout.toMillis(), left(deadline)));
            Socket socket = https ? tls(raw, uri.getHost(), port, deadline) : raw;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head);
                if (request.body() != null) {
                    out.write(request.body());
                }
                out.flush();
                InputStream in = new BufferedInputStream(new DeadlineInput(socket, deadline));
                return Http1Response.read(in, request.method(), maxBodyBytes);
            } finally {
                socket.close();
            }
        } catch (SocketTimeoutException e) {
            throw new OutboundHttp.Failure("timed out");
        } catch (ConnectException e) {
            throw new OutboundHttp.Failure("could not connect");
        } catch (SSLException e) {
            throw new OutboundHttp.Failure("TLS failed");
        } catch (IOException e) {
            throw new OutboundHttp.Failure("connection failed");
        }
    }

    private static byte[] head(PinnedRequest request, URI uri, int port, boolean https) throws OutboundHttp.Failure {
        StringBuilder head = new StringBuilder();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append(request.method()).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (port != (https ? 443 : 80)) {
            head.append(':').append(port);
        }
        head.append("\r\n");
        boolean userAgent = false;
        for (Map.Entry<String, String> header : request.headers()) {
            if (!isToken(header.getKey()) || !OutboundHttp.isHeaderSafe(header.getValue())) {
                throw new OutboundHttp.Failure("refused: the " + header.getKey()
                        + " header has characters a header never has");
            }
            userAgent |= header.getKey().equalsIgnoreCase("User-Agent");
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (!userAgent) {
            head.append("User-Agent: Agento\r\n");
        }
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Socket tls(Socket raw, String host, int port, long deadline) throws IOException {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(raw, name, port, true);
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            if (!name.contains(":") && !name.matches("[0-9.]+")) {
                params.setServerNames(List.of(new SNIHostName(name)));
            }
            socket.setSSLParameters(params);
            socket.setSoTimeout((int) left(deadline));
            socket.startHandshake();
            return socket;
        } catch (NoSuchAlgorithmException e) {
            throw new SSLException("no TLS", e);
        }
    }

    static boolean isToken(String name) {
        return name != null && !name.isEmpty()
                && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }

    /** Milliseconds left before the deadline; at least 1 (0 would mean "no timeout" to a socket). */
    static long left(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("deadline");
        }
        return ms;
    }

    /** The socket's input, each read bounded by the time left. */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left(deadline)));
            return in.read(b, off, len);
        }
    }
}
