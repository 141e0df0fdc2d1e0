package agento.connectors.guard;

import java.util.List;

/** Local and odd address forms the guard must refuse (issue 11, SECURITY.md). */
public final class AddressForms {
    private AddressForms() {}

    /** Addresses of 127.0.0.1:port (and other local places) as an attacker may spell them; *.test names need a fake resolver. */
    public static List<String> blocked(int port) {
        String p = ":" + port;
        return List.of("http://127.0.0.1" + p + "/v1/models", "http://localhost" + p + "/", "http://localhost." + p + "/",
                "http://LOCALHOST" + p + "/", "http://api.localhost" + p + "/", "http://2130706433" + p + "/",
                "http://0x7f000001" + p + "/", "http://0177.0.0.1" + p + "/", "http://127.1" + p + "/",
                "http://127.0.1" + p + "/", "http://0x7f.0.0.1" + p + "/", "http://127.000.000.001" + p + "/",
                "http://127.0.0.1." + p + "/", "http://0" + p + "/", "http://0.0.0.0" + p + "/", "http://[::1]" + p + "/",
                "http://[::]" + p + "/", "http://[::ffff:127.0.0.1]" + p + "/", "http://[::ffff:7f00:1]" + p + "/",
                "http://[0:0:0:0:0:ffff:127.0.0.1]" + p + "/", "http://[::127.0.0.1]" + p + "/",
                "http://user@127.0.0.1" + p + "/", "http://user:pass@public.test/", "http://10.0.0.1/",
                "http://172.16.5.4/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
                "http://100.64.0.1/", "http://224.0.0.1/", "http://255.255.255.255/", "http://198.18.0.1/",
                "http://[fe80::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[ff02::1]/",
                "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/", "ftp://127.0.0.1" + p + "/",
                "file:///etc/passwd", "gopher://127.0.0.1" + p + "/", "http://rebind.test" + p + "/",
                "http://metadata.test/", "http://mixed.test/", "http://intranet.test/");
    }
}
