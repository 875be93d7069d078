package mutual.engine.aid;

import java.util.LinkedHashSet;
import java.util.Set;
import mutual.protocol.geo.Geohash;
import mutual.protocol.geo.LatLon;

/**
 * The geohash cells that cover a circle: the few cells of one length whose union contains every
 * point within the radius of a centre. The matcher reads only the listings in these cells.
 */
final class Cells {
    /** More cells than this means the next shorter length is cheaper to scan. */
    static final int MAX_CELLS = 16;
    private static final double KM_PER_DEGREE = Math.PI * LatLon.EARTH_RADIUS_KM / 180;
    private static final int MAX_LENGTH = 6;

    private Cells() {}

    /** Cells of one length covering the circle (the bounding box of the circle, in fact). */
    static Set<String> covering(LatLon c, double radiusKm) {
        double dLat = radiusKm * 1.0001 / KM_PER_DEGREE;
        double minLat = Math.max(-90, c.lat() - dLat), maxLat = Math.min(90, c.lat() + dLat);
        double cos = Math.cos(Math.toRadians(Math.max(Math.abs(minLat), Math.abs(maxLat))));
        double dLon = cos < 1e-9 ? 360 : radiusKm * 1.0001 / (KM_PER_DEGREE * cos);
        boolean allLon = dLon >= 180;
        for (int len = MAX_LENGTH; len >= 1; len--) {
            int lonBits = (5 * len + 1) / 2, latBits = 5 * len / 2;
            long lonCells = 1L << lonBits, latCells = 1L << latBits;
            double lonStep = 360.0 / lonCells, latStep = 180.0 / latCells;
            long i0 = index(minLat + 90, latStep, latCells), i1 = index(maxLat + 90, latStep, latCells);
            long j0 = (long) Math.floor((c.lon() - dLon + 180) / lonStep), j1 = (long) Math.floor((c.lon() + dLon + 180) / lonStep);
            long nLon = allLon ? lonCells : Math.min(lonCells, j1 - j0 + 1);
            if ((i1 - i0 + 1) * nLon > MAX_CELLS && len > 1) continue;
            Set<String> out = new LinkedHashSet<>();
            for (long i = i0; i <= i1; i++) {
                double lat = -90 + (i + 0.5) * latStep;
                for (long k = 0; k < nLon; k++) {
                    long j = Math.floorMod((allLon ? 0 : j0) + k, lonCells);
                    out.add(Geohash.encode(lat, -180 + (j + 0.5) * lonStep, len).value());
                }
            }
            return out;
        }
        throw new AssertionError("length 1 always covers");
    }

    private static long index(double offset, double step, long cells) {
        return Math.min(cells - 1, Math.max(0, (long) Math.floor(offset / step)));
    }
}
