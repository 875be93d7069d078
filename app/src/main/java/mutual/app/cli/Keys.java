package mutual.app.cli;

import mutual.protocol.crypto.SecretKey;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;

/** Reads keys the way people paste them: {@code nsec1…} or 64 hex characters. */
final class Keys {
    private Keys() {}

    static SecretKey secret(String text) {
        String t = text.strip();
        if (t.startsWith("nsec1")) {
            try {
                if (Nip19.decode(t) instanceof Entity.Nsec n) return n.secretKey();
            } catch (RuntimeException e) {
                throw new CliException(ExitCodes.USAGE, "not a valid nsec: " + e.getMessage());
            }
        }
        return SecretKey.fromHex(t).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "expected a secret key as nsec1… or 64 lowercase hex characters"));
    }
}
