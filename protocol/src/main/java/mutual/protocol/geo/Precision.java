package mutual.protocol.geo;

/**
 * How coarsely a listing reveals where it is (docs/protocol.md, "Mutual listings and matches"). Coarse by default: exact
 * places go only into encrypted messages.
 */
public enum Precision {
    /** About 40 km by 20 km: a town and its surroundings. */
    REGION(4),
    /** About 5 km: a neighbourhood. The default for listings. */
    NEAR(5),
    /** About 150 m: a street. */
    PRECISE(7);

    private final int chars;

    Precision(int chars) {
        this.chars = chars;
    }

    /** The geohash length of this level. */
    public int chars() {
        return chars;
    }

    /** The cell's larger side at the equator, in km. */
    public double approximateKm() {
        return Math.max(Geohash.cellWidthKm(chars), Geohash.cellHeightKm(chars));
    }

    /** The finest level whose 3×3 block of cells around a point still covers {@code radiusKm}; REGION if none does. */
    public static Precision forRadius(double radiusKm) {
        int n = Geohash.precisionForRadius(radiusKm);
        Precision best = REGION;
        for (Precision p : values()) if (p.chars <= n) best = p;
        return best;
    }
}
