package mutual.app.aid;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.json.JsonOut;
import mutual.protocol.aid.AidException;
import mutual.protocol.aid.Category;
import mutual.protocol.aid.Listing;
import mutual.protocol.aid.ListingBuilder;
import mutual.protocol.aid.ListingType;
import mutual.protocol.aid.Quantity;
import mutual.protocol.aid.TimeWindow;
import mutual.protocol.aid.Urgency;
import mutual.protocol.crypto.Hex;
import mutual.protocol.event.Event;
import mutual.protocol.geo.Geohash;
import mutual.protocol.geo.Precision;
import mutual.protocol.nip19.Entity;
import mutual.protocol.nip19.Nip19;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * <pre>
 * mutual post need|offer --title TEXT --category C[,C] (--geohash G | --near PLACE)
 *     [--place-name TEXT] [--precision region|near|precise] [--radius-km N] [--urgency low|normal|urgent]
 *     [--until DATE] [--quantity "N [unit]"] [--lang xx[,xx]] [--description TEXT]
 *     [--no-notify] [--no-referral] [--node URL] [--json]
 * </pre>
 * Signs a listing with your key (docs/protocol.md, "Mutual listings and matches") and publishes
 * it to the node. The place is published only as coarse as {@code --precision} (default near,
 * about 5 km); contact details never go into a listing.
 */
@Command(name = "post", mixinStandardHelpOptions = true, description = "Post a need or an offer, signed at the clock's time or at $MUTUAL_NOW (unix seconds): a need written on paper, entered later.")
public final class PostCommand implements Callable<Integer> {
    static final long DEFAULT_LIFETIME = 30L * 86400;

    @Parameters(index = "0", paramLabel = "need|offer", description = "what you post")
    String type;
    @Option(names = "--title", required = true, description = "a short title") String title;
    @Option(names = "--category", required = true, split = ",", description = "food, housing, transport, health, childcare, tools, skills, money, company, other")
    List<String> categories;
    @Option(names = "--geohash", description = "where, as a geohash (cut to --precision)") Optional<String> geohash;
    @Option(names = "--near", description = "where, as a place name (needs a gazetteer; see docs)") Optional<String> near;
    @Option(names = "--place-name", description = "the place name shown with the listing (default: the --near place); a town or district, never an address")
    Optional<String> placeName;
    @Option(names = "--precision", defaultValue = "near", description = "region (~40 km), near (~5 km, default) or precise (~150 m)") String precision;
    @Option(names = "--radius-km", description = "how far you can go or send, in km (default 10)") Optional<Double> radiusKm;
    @Option(names = "--urgency", defaultValue = "normal", description = "low, normal or urgent") String urgency;
    @Option(names = "--until", description = "the last day (YYYY-MM-DD, UTC) this is wanted or available; also its expiry") Optional<String> until;
    @Option(names = "--quantity", description = "how much, e.g. \"3 kg\" or \"2\"") Optional<String> quantity;
    @Option(names = "--lang", split = ",", description = "languages you speak (ISO 639-1: en, de, ...)") List<String> languages = List.of();
    @Option(names = "--description", description = "more words (Markdown)") Optional<String> description;
    @Option(names = "--tag", description = "free hashtags") List<String> tags = List.of();
    @Option(names = "--no-notify", description = "do not ask the node to message you about matches") boolean noNotify;
    @Option(names = "--no-referral", description = "an urgent need that stays unmatched is never offered to linked communities") boolean noReferral;
    @picocli.CommandLine.Mixin
    NodeOption node;
    @Option(names = "--json", description = "print JSON: ref, naddr and the signed event") boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private Optional<String> nearName = Optional.empty();

    @Override
    public Integer call() {
        ListingType t = ListingType.fromLabel(type.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, "post what? 'need' or 'offer', got '" + type + "'"));
        long now = CommunityLink.now(); // $MUTUAL_NOW too: a need written down on paper, entered later
        byte[] d = new byte[8];
        new SecureRandom().nextBytes(d);
        Event e;
        mutual.protocol.crypto.SecretKey me;
        try {
            ListingBuilder b = ListingBuilder.create(t, Hex.encode(d), title).geohash(place()).urgency(enumValue(Urgency.class, urgency, "urgency"))
                    .notify(!noNotify).referable(!noReferral);
            placeName().ifPresent(b::location);
            for (String c : categories) b.category(Category.fromLabel(c.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new CliException(ExitCodes.USAGE, "unknown category '" + c + "'; one of food, housing, transport, health, childcare, tools, skills, money, company, other")));
            if (radiusKm.isPresent() && (radiusKm.get() <= 0 || radiusKm.get() > Listing.MAX_RADIUS_KM))
                throw new CliException(ExitCodes.USAGE, "--radius-km must be more than 0 and at most " + (int) Listing.MAX_RADIUS_KM
                        + " (matching is local; farther reaches would be read as " + (int) Listing.MAX_RADIUS_KM + "), got "
                        + java.math.BigDecimal.valueOf(radiusKm.get()).stripTrailingZeros().toPlainString());
            radiusKm.ifPresent(b::radiusKm);
            for (String l : languages) b.language(l.strip().toLowerCase(Locale.ROOT));
            for (String tag : tags) b.topic(tag);
            description.ifPresent(b::content);
            quantity.ifPresent(q -> {
                String[] parts = q.strip().split("\\s+", 2);
                try {
                    b.quantity(Quantity.parse(parts[0], parts.length > 1 ? Optional.of(parts[1]) : Optional.empty()));
                } catch (IllegalArgumentException x) {
                    throw new CliException(ExitCodes.USAGE, x.getMessage());
                }
            });
            long expiry = now + DEFAULT_LIFETIME;
            if (until.isPresent()) {
                expiry = endOfDay(until.get());
                if (expiry <= now) throw new CliException(ExitCodes.USAGE, "--until " + until.get() + " has already passed");
                b.window(new TimeWindow(now, expiry));
            }
            b.expiration(expiry);
            me = Keystore.open().unlock();
            e = b.sign(me, now);
        } catch (AidException x) {
            throw new CliException(ExitCodes.USAGE, x.getMessage());
        }
        NodeLink link = node.link();
        link.publish(e);
        Optional<String> listed = RelayLists.ensureListed(link, me, now);
        Listing l = Listing.parse(e);
        String naddr = Nip19.encode(Entity.Naddr.of(l.address(), List.of(link.relayUrl())));
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("ref", l.address().toString());
                g.writeStringField("naddr", naddr);
                g.writeFieldName("event");
                g.writeRawValue(e.toJson());
                g.writeEndObject();
            }));
        } else {
            out.println("posted " + t.label() + " \"" + title + "\" at " + l.location().map(n -> n + " (geohash " + l.geohash() + ")").orElse(l.geohash().value())
                    + "\nref   " + l.address() + "\nnaddr " + naddr + "\nsee it and its matches with: mutual mine");
            listed.ifPresent(u -> out.println("your relay list now names " + u + ", so people can find you there (mutual id relays)"));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Geohash place() {
        Precision p = enumValue(Precision.class, precision, "precision");
        if (geohash.isPresent() == near.isPresent()) throw new CliException(ExitCodes.USAGE, "say where with exactly one of --geohash or --near");
        Geohash g = geohash.map(s -> Geohash.parse(s).orElseThrow(() -> new CliException(ExitCodes.USAGE, "'" + s + "' is not a geohash")))
                .orElseGet(() -> {
                    Gazetteer.Place found = Gazetteer.load().find(near.get());
                    nearName = Optional.of(found.name() + ", " + found.country());
                    return Geohash.encode(found.lat(), found.lon(), Geohash.MAX_LENGTH);
                });
        return g.length() > p.chars() ? g.prefix(p.chars()) : g;
    }

    /** The place name shown with the listing: --place-name, else the gazetteer's name for --near; a town, never an address. */
    private Optional<String> placeName() {
        return placeName.map(String::strip).filter(s -> !s.isEmpty()).or(() -> nearName);
    }

    static long endOfDay(String date) {
        try {
            return LocalDate.parse(date).plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) - 1;
        } catch (DateTimeParseException x) {
            if (date.strip().matches("\\d{4}-\\d{2}-\\d{2}"))
                throw new CliException(ExitCodes.USAGE, "--until " + date + " is not a day in the calendar (" + x.getMessage().replaceFirst("^Text '[^']*' could not be parsed: ", "") + ")");
            throw new CliException(ExitCodes.USAGE, "--until wants a date as YYYY-MM-DD, got '" + date + "'");
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String v, String what) {
        try {
            return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException x) {
            throw new CliException(ExitCodes.USAGE, "unknown " + what + " '" + v + "'");
        }
    }
}
