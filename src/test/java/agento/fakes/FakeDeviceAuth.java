package agento.fakes;

import agento.fakes.IssuedGrants.Identity;
import agento.fakes.IssuedGrants.Reply;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The device authorization part of the fake authorization server, with the checks OpenAI's makes: the code request
 * must name the registered client (else 404, "not available"); a poll must present the device auth id with its own
 * user code; until the person entered the code a poll gets 403, an unknown or expired pair 404; once entered, one
 * poll gets an authorization code bound to the device redirect URI and a server-made PKCE pair.
 */
final class FakeDeviceAuth {
    static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private record Pending(String userCode, Instant issuedAt, Identity approvedFor, boolean delivered) {}

    private final SecureRandom random = new SecureRandom();
    private final IssuedGrants grants;
    private final Map<String, Pending> byId = new ConcurrentHashMap<>();
    /** One poll of {@code /token}: when (this server's clock) and for which user code. */
    record Poll(Instant at, String userCode) {}

    private final List<Poll> polls = new CopyOnWriteArrayList<>();

    FakeDeviceAuth(IssuedGrants grants) {
        this.grants = grants;
    }

    synchronized Reply userCode(Map<String, Object> body, String clientId, String interval, Instant now) {
        if (!clientId.equals(body.get("client_id"))) {
            return new Reply(404, Map.of("error", Map.of("message", "Not found", "code", "not_found")));
        }
        String id = grants.randomToken("deviceauth_");
        String userCode = group(4) + "-" + group(5);
        byId.put(id, new Pending(userCode, now, null, false));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("device_auth_id", id);
        answer.put("user_code", userCode);
        answer.put("interval", interval);
        return new Reply(200, answer);
    }

    synchronized Reply token(Map<String, Object> body, String redirectUri, Instant now) {
        polls.add(new Poll(now, String.valueOf(body.get("user_code"))));
        Pending pending = byId.get(String.valueOf(body.get("device_auth_id")));
        if (pending == null || pending.delivered() || !pending.userCode().equals(body.get("user_code"))
                || !now.isBefore(pending.issuedAt().plus(LIFETIME))) {
            return new Reply(404, Map.of("error", Map.of("message", "Device authorization not found",
                    "code", "deviceauth_not_found")));
        }
        if (pending.approvedFor() == null) {
            return new Reply(403, Map.of("error", Map.of("message", "Device authorization is pending",
                    "code", "deviceauth_authorization_pending")));
        }
        byId.put(String.valueOf(body.get("device_auth_id")), new Pending(pending.userCode(), pending.issuedAt(),
                pending.approvedFor(), true));
        String verifier = grants.randomToken("") + grants.randomToken("");
        String challenge = IssuedGrants.s256(verifier);
        String code = grants.newCode(pending.approvedFor(), redirectUri, challenge, now.plus(Duration.ofMinutes(10)));
        return new Reply(200, Map.of("authorization_code", code, "code_challenge", challenge,
                "code_verifier", verifier));
    }

    /** The person entered {@code userCode} at OpenAI and allowed; false when no pending code has it. */
    synchronized boolean enter(String userCode, Identity identity) {
        for (var entry : byId.entrySet()) {
            Pending p = entry.getValue();
            if (p.userCode().equals(userCode) && p.approvedFor() == null && !p.delivered()) {
                entry.setValue(new Pending(p.userCode(), p.issuedAt(), identity, false));
                return true;
            }
        }
        return false;
    }

    List<Instant> polls(String userCode) {
        return polls.stream().filter(p -> p.userCode().equals(userCode)).map(Poll::at).toList();
    }

    private String group(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
