package mutual.protocol.nip44;

import java.util.Arrays;
import mutual.protocol.crypto.Hkdf;

/** The three per-message keys NIP-44 v2 expands from the conversation key and the nonce. */
record MessageKeys(byte[] chachaKey, byte[] chachaNonce, byte[] hmacKey) {
    static MessageKeys derive(ConversationKey key, byte[] nonce) {
        if (nonce.length != 32) throw new Nip44Exception("the nonce must be 32 bytes, not " + nonce.length);
        byte[] k = Hkdf.expand(key.raw(), nonce, 76);
        return new MessageKeys(Arrays.copyOfRange(k, 0, 32), Arrays.copyOfRange(k, 32, 44), Arrays.copyOfRange(k, 44, 76));
    }
}
