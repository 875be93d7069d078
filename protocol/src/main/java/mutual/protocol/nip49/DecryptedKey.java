package mutual.protocol.nip49;

import mutual.protocol.crypto.SecretKey;

/** What an ncryptsec held: the secret key, what was known about its handling, and the scrypt cost it was stored with. */
public record DecryptedKey(SecretKey key, KeySecurity security, int logN) {}
