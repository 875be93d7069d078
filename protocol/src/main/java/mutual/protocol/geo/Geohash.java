package mutual.protocol.geo;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A geohash cell (base-32 string of interleaved longitude/latitude bits, as in NIP-52 {@code g}
 * tags). Mutual publishes only coarse cells by default (see {@link Precision}); a longer hash is
 * a smaller cell inside every one of its prefixes. See https://en.wikipedia.org/wiki/Geohash
 */
public record Geohash(String value) {
    public static final int MAX_LENGTH = 12;
    private static final String ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";
    private static final double KM_PER_DEGREE = Math.PI * LatLon.EARTH_RADIUS_KM / 180;

    public Geohash {
        if (value.isEmpty() || value.length() > MAX_LENGTH)
            throw new IllegalArgumentException("a geohash has 1 to " + MAX_LENGTH + " characters, got " + value.length());
        for (int i = 0; i < value.length(); i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0)
                throw new IllegalArgumentException("'" + value.charAt(i) + "' is not a geohash character (0-9 and b-z except i, l, o)");
        }
    }

    public static Geohash of(String value) {
        return new Geohash(value);
    }

    /** Accepts upper or lower case, as people type; empty for anything that is not a geohash. */
    public static Optional<Geohash> parse(String text) {
        try {
            return Optional.of(new Geohash(text.strip().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Geohash encode(double lat, double lon, int length) {
        return encode(new LatLon(lat, lon), length);
    }

    public static Geohash encode(double lat, double lon, Precision precision) {
        return encode(new LatLon(lat, lon), precision.chars());
    }

    /** The cell of the given length that contains the point. */
    public static Geohash encode(LatLon p, int length) {
        if (length < 1 || length > MAX_LENGTH) throw new IllegalArgumentException("geohash length must be 1.." + MAX_LENGTH + ", got " + length);
        double[] lat = {-90, 90}, lon = {-180, 180};
        StringBuilder sb = new StringBuilder(length);
        boolean even = true; // bits alternate, starting with longitude
        int bit = 0, ch = 0;
        while (sb.length() < length) {
            double[] range = even ? lon : lat;
            double v = even ? p.lon() : p.lat();
            double mid = (range[0] + range[1]) / 2;
            ch <<= 1;
            if (v >= mid) {
                ch |= 1;
                range[0] = mid;
            } else {
                range[1] = mid;
            }
            even = !even;
            if (++bit == 5) {
                sb.append(ALPHABET.charAt(ch));
                bit = 0;
                ch = 0;
            }
        }
        return new Geohash(sb.toString());
    }

    public int length() {
        return value.length();
    }

    /** The cell's edges. */
    public BoundingBox bounds() {
        double minLat = -90, maxLat = 90, minLon = -180, maxLon = 180;
        boolean even = true;
        for (int i = 0; i < value.length(); i++) {
            int ch = ALPHABET.indexOf(value.charAt(i));
            for (int b = 4; b >= 0; b--) {
                boolean one = ((ch >> b) & 1) == 1;
                if (even) {
                    double mid = (minLon + maxLon) / 2;
                    if (one) minLon = mid; else maxLon = mid;
                } else {
                    double mid = (minLat + maxLat) / 2;
                    if (one) minLat = mid; else maxLat = mid;
                }
                even = !even;
            }
        }
        return new BoundingBox(minLat, maxLat, minLon, maxLon);
    }

    public LatLon centre() {
        return bounds().centre();
    }

    /**
     * The adjacent cell of the same length. Across the antimeridian the grid wraps; beyond a pole
     * there is nothing, so cells in the top or bottom row have fewer neighbours.
     */
    public Optional<Geohash> neighbour(Direction d) {
        BoundingBox b = bounds();
        LatLon c = b.centre();
        // Cell sizes are binary fractions of 180 and 360, so these sums are exact: each lands on the neighbour's centre.
        double lat = c.lat() + d.dLat() * b.latSpan();
        if (lat > 90 || lat < -90) return Optional.empty();
        double lon = c.lon() + d.dLon() * b.lonSpan();
        if (lon > 180) lon -= 360;
        if (lon < -180) lon += 360;
        return Optional.of(encode(new LatLon(lat, lon), length()));
    }

    /** Every existing neighbour: eight, or five for a cell that touches a pole. */
    public Map<Direction, Geohash> neighbours() {
        Map<Direction, Geohash> out = new EnumMap<>(Direction.class);
        for (Direction d : Direction.values()) neighbour(d).ifPresent(g -> out.put(d, g));
        return Collections.unmodifiableMap(out);
    }

    /** The enclosing cell one character shorter; empty for a one-character cell. */
    public Optional<Geohash> parent() {
        return length() == 1 ? Optional.empty() : Optional.of(new Geohash(value.substring(0, length() - 1)));
    }

    /** The enclosing cell of the given length (at most this one's). */
    public Geohash prefix(int length) {
        if (length < 1 || length > length())
            throw new IllegalArgumentException("prefix length must be 1.." + length() + ", got " + length);
        return new Geohash(value.substring(0, length));
    }

    /** Whether the other cell lies inside this one (or is this one). */
    public boolean contains(Geohash other) {
        return other.value.startsWith(value);
    }

    /** East-west size at the cell's own latitude, in km. */
    public double widthKm() {
        return bounds().lonSpan() * KM_PER_DEGREE * Math.cos(Math.toRadians(centre().lat()));
    }

    /** North-south size, in km. */
    public double heightKm() {
        return bounds().latSpan() * KM_PER_DEGREE;
    }

    /** Distance between the centres of two cells. */
    public double distanceKm(Geohash other) {
        return centre().distanceKm(other.centre());
    }

    /** East-west size at the equator of a cell of this length, in km. */
    public static double cellWidthKm(int length) {
        return 360 / Math.pow(2, (5 * length + 1) / 2) * KM_PER_DEGREE;
    }

    /** North-south size of a cell of this length, in km. */
    public static double cellHeightKm(int length) {
        return 180 / Math.pow(2, 5 * length / 2) * KM_PER_DEGREE;
    }

    /**
     * The longest geohash whose cells are at least {@code radiusKm} on each side at the equator,
     * so that a point's cell and its eight neighbours cover every place within the radius.
     * (Towards the poles cells narrow; callers that care use {@link #widthKm()}.)
     */
    public static int precisionForRadius(double radiusKm) {
        if (!(radiusKm >= 0)) throw new IllegalArgumentException("radius must be a non-negative number of km, got " + radiusKm);
        for (int n = MAX_LENGTH; n >= 1; n--) {
            if (Math.min(cellWidthKm(n), cellHeightKm(n)) >= radiusKm) return n;
        }
        return 1;
    }

    @Override
    public String toString() {
        return value;
    }
}
