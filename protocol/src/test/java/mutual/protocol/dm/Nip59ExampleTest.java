package mutual.protocol.dm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.crypto.Signature;
import mutual.protocol.crypto.PubKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventId;
import mutual.protocol.event.Tag;
import org.junit.jupiter.api.Test;

/**
 * The worked example of NIP-59 ("An Example", https://github.com/nostr-protocol/nips/blob/master/59.md),
 * made by another implementation: our unwrap must open it and find the rumor the NIP shows.
 */
class Nip59ExampleTest {
    private static final String WRAP_CONTENT =
            "AhC3Qj/QsKJFWuf6xroiYip+2yK95qPwJjVvFujhzSguJWb/6TlPpBW0CGFwfufCs2Zyb0JeuLmZhNlnqecAAalC4ZCugB+I9ViA" +
            "5pxLyFfQjs1lcE6KdX3euCHBLAnE9GL/+IzdV9vZnfJH6atVjvBkNPNzxU+OLCHO/DAPmzmMVx0SR63frRTCz6Cuth40D+VzluKu" +
            "1/Fg2Q1LSst65DE7o2efTtZ4Z9j15rQAOZfE9jwMCQZt27rBBK3yVwqVEriFpg2mHXc1DDwHhDADO8eiyOTWF1ghDds/DxhMcjkI" +
            "i/o+FS3gG1dG7gJHu3KkGK5UXpmgyFKt+421m5o++RMD/BylS3iazS1S93IzTLeGfMCk+7IKxuSCO06k1+DaasJJe8RE4/rmismU" +
            "vwrHu/HDutZWkvOAhd4z4khZo7bJLtiCzZCZ74lZcjOB4CYtuAX2ZGpc4I1iOKkvwTuQy9BWYpkzGg3ZoSWRD6ty7U+KN+fTTmIS" +
            "4CelhBTT15QVqD02JxfLF7nA6sg3UlYgtiGw61oH68lSbx16P3vwSeQQpEB5JbhofW7t9TLZIbIW/ODnI4hpwj8didtk7IMBI3Ra" +
            "3uUP7ya6vptkd9TwQkd/7cOFaSJmU+BIsLpOXbirJACMn+URoDXhuEtiO6xirNtrPN8jYqpwvMUm5lMMVzGT3kMMVNBqgbj8Ln8V" +
            "mqouK0DR+gRyNb8fHT0BFPwsHxDskFk5yhe5c/2VUUoKCGe0kfCcX/EsHbJLUUtlHXmTqaOJpmQnW1tZ/siPwKRl6oEsIJWTUYxP" +
            "QmrM2fUpYZCuAo/29lTLHiHMlTbarFOd6J/ybIbICy2gRRH/LFSryty3Cnf6aae+A9uizFBUdCwTwffc3vCBae802+R92OL78bbq" +
            "HKPbSZOXNC+6ybqziezwG+OPWHx1Qk39RYaF0aFsM4uZWrFic97WwVrH5i+/Nsf/OtwWiuH0gV/SqvN1hnkxCTF/+XNn/laWKmS3" +
            "e7wFzBsG8+qwqwmO9aVbDVMhOmeUXRMkxcj4QreQkHxLkCx97euZpC7xhvYnCHarHTDeD6nVK+xzbPNtzeGzNpYoiMqxZ9bBJwMa" +
            "HnEoI944Vxoodf51cMIIwpTmmRvAzI1QgrfnOLOUS7uUjQ/IZ1Qa3lY08Nqm9MAGxZ2Ou6R0/Z5z30ha/Q71q6meAs3uHQcpSuRa" +
            "QeV29IASmye2A2Nif+lmbhV7w8hjFYoaLCRsdchiVyNjOEM4VmxUhX4VEvw6KoCAZ/XvO2eBF/SyNU3Of4SO";

    @Test
    void opensTheGiftWrapFromTheNip() {
        Event wrap = new Event(
                EventId.fromHex("5c005f3ccf01950aa8d131203248544fb1e41a0d698e846bd419cec3890903ac").orElseThrow(),
                PubKey.fromHex("18b1a75918f1f2c90c23da616bce317d36e348bcf5f7ba55e75949319210c87c").orElseThrow(),
                1703021488L, 1059,
                List.of(Tag.of("p", "166bf3765ebd1fc55decfe395beff2ea3b2a4e0a8946e7eb578512b555737c99")),
                WRAP_CONTENT,
                Signature.fromHex("35fabdae4634eb630880a1896a886e40fd6ea8a60958e30b89b33a93e6235df750097b04f9e13053764251b8bc5dd7e8e0794a3426a90b6bcc7e5ff660f54259").orElseThrow());
        SecretKey recipient = SecretKey.fromHex("e108399bd8424357a710b606ae0c13166d853d327e47a6e5e038197346bdbf45").orElseThrow();
        assertEquals(wrap.tags().get(0).value().orElseThrow(), recipient.publicKey().hex());

        Unwrapped u = GiftWrap.unwrap(wrap, recipient, GiftWrapTest.JSON);
        assertEquals("28a87d7c074d94a58e9e89bb3e9e4e813e2189f285d797b1c56069d36f59eaa7", u.seal().id().hex());
        assertEquals("611df01bfcf85c26ae65453b772d8f1dfd25c264621c0277e1fc1518686faef9", u.sender().hex());
        Rumor r = u.rumor();
        assertEquals("9dd003c6d3b73b74a85a9ab099469ce251653a7af76f523671ab828acd2a0ef9", r.id().hex());
        assertEquals("Are you going to the party tonight?", r.content());
        assertEquals(1, r.kind());
        assertEquals(1691518405L, r.createdAt());
        assertEquals(List.of(), r.tags());

        SecretKey author = SecretKey.fromHex("0beebd062ec8735f4243466049d7747ef5d6594ee838de147f8aab842b15e273").orElseThrow();
        assertEquals(u.sender(), author.publicKey());
        assertThrows(GiftWrapException.class, () -> GiftWrap.unwrap(wrap, author, GiftWrapTest.JSON));
    }
}
