package mutual.protocol.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;
import mutual.protocol.event.EventId;
import org.junit.jupiter.api.Test;

class SuccessionTest {
    static final SecretKey OLD = key(1), NEW = key(2), FRIEND = key(3), STRANGER = key(4);
    static final EventId COMMUNITY = EventId.fromHex("ab".repeat(32)).orElseThrow();

    static SecretKey key(int n) {
        return SecretKey.fromHex(String.format("%064x", n)).orElseThrow();
    }

    @Test
    void aJoinAndAVouchMayNameTheKeyThePersonHeldBefore() {
        Event join = CommunityEvents.act(NEW, 10, COMMUNITY, MemberAct.Act.JOIN, Optional.empty(), Optional.of(OLD.publicKey()), "I lost my phone");
        Event vouch = CommunityEvents.act(FRIEND, 11, COMMUNITY, MemberAct.Act.VOUCH, Optional.of(NEW.publicKey()), Optional.of(OLD.publicKey()), "met her today");
        Event other = CommunityEvents.act(STRANGER, 12, COMMUNITY, MemberAct.Act.VOUCH, Optional.of(NEW.publicKey()), "");
        List<Succession.Claim> claims = Succession.about(OLD.publicKey(), List.of(join, vouch, other));
        assertEquals(2, claims.size());
        assertTrue(claims.get(0).join() && claims.get(0).newKey().equals(NEW.publicKey()) && claims.get(0).by().equals(NEW.publicKey()));
        assertEquals(FRIEND.publicKey(), claims.get(1).by());
        assertEquals(NEW.publicKey(), claims.get(1).newKey());
        assertTrue(Succession.about(STRANGER.publicKey(), List.of(join, vouch)).isEmpty());
        // the tally reads them as any join and vouch
        assertTrue(CommunityParser.parse(vouch) instanceof MemberAct m && m.act() == MemberAct.Act.VOUCH);
    }

    @Test
    void theTagIsRefusedWhereItMeansNothing() {
        assertThrows(CommunityException.class, () -> CommunityEvents.act(NEW, 10, COMMUNITY, MemberAct.Act.LEAVE, Optional.empty(), Optional.of(OLD.publicKey()), ""));
        assertThrows(CommunityException.class, () -> CommunityEvents.act(NEW, 10, COMMUNITY, MemberAct.Act.JOIN, Optional.empty(), Optional.of(NEW.publicKey()), ""));
        Event twice = EventBuilder.create(CommunityKinds.MEMBER, 10).tag("e", COMMUNITY.hex(), "", CommunityKinds.MARK_COMMUNITY)
                .tag("L", CommunityKinds.NS_MEMBER).tag("l", "join", CommunityKinds.NS_MEMBER)
                .tag(Succession.TAG, OLD.publicKey().hex()).tag(Succession.TAG, FRIEND.publicKey().hex()).sign(NEW);
        assertTrue(assertThrows(CommunityException.class, () -> CommunityParser.parse(twice)).getMessage().contains("more than one successor-of"));
        Event notAKey = EventBuilder.create(CommunityKinds.MEMBER, 10).tag("e", COMMUNITY.hex(), "", CommunityKinds.MARK_COMMUNITY)
                .tag("L", CommunityKinds.NS_MEMBER).tag("l", "join", CommunityKinds.NS_MEMBER).tag(Succession.TAG, "xyz").sign(NEW);
        assertThrows(CommunityException.class, () -> CommunityParser.parse(notAKey));
        PubKey unused = STRANGER.publicKey();
        assertTrue(Succession.about(unused, List.of(twice, notAKey)).isEmpty(), "invalid acts say nothing");
    }
}
