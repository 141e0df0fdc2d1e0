package agento.vault;

import java.util.Objects;

/** Names one secret: who owns it ({@code ownerKind}, {@code ownerId}) and which of its secrets it is. */
public record SecretRef(String ownerKind, String ownerId, String name) {

    public SecretRef {
        requirePart("ownerKind", ownerKind);
        requirePart("ownerId", ownerId);
        requirePart("name", name);
    }

    /** The associated data bound into the ciphertext, so a ciphertext moved to another row fails to decrypt. */
    public String associatedData() {
        return "secrets|" + ownerKind + "|" + ownerId + "|" + name;
    }

    /** A reference to a secret owned by a row with a numeric id. */
    public static SecretRef of(String ownerKind, long ownerId, String name) {
        return new SecretRef(ownerKind, Long.toString(ownerId), name);
    }

    private static void requirePart(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        // '|' separates the parts of the associated data; allowing it would let two refs share one
        if (value.indexOf('|') >= 0) {
            throw new IllegalArgumentException(what + " must not contain '|'");
        }
    }
}
