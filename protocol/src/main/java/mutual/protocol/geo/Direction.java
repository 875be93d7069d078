package mutual.protocol.geo;

/** The eight neighbours of a geohash cell, as steps in rows (north positive) and columns (east positive). */
public enum Direction {
    N(1, 0), NE(1, 1), E(0, 1), SE(-1, 1), S(-1, 0), SW(-1, -1), W(0, -1), NW(1, -1);

    private final int dLat, dLon;

    Direction(int dLat, int dLon) {
        this.dLat = dLat;
        this.dLon = dLon;
    }

    int dLat() {
        return dLat;
    }

    int dLon() {
        return dLon;
    }
}
