package agento.web;

import java.io.Serializable;
import java.time.Instant;

/** What the session remembers about the signed-in person. */
public record SessionUser(long id, String email, boolean admin, Instant signedInAt) implements Serializable {}
