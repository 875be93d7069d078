package mutual.engine.aid;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import mutual.protocol.geo.Geohash;
import mutual.protocol.geo.LatLon;
import org.junit.jupiter.api.Test;

class CellsTest {
    @Test
    void everyPointWithinTheRadiusLiesInACoveringCell() {
        Random r = new Random(11);
        for (int i = 0; i < 3000; i++) {
            LatLon c = new LatLon(-89 + r.nextDouble() * 178, -180 + r.nextDouble() * 360);
            double radius = r.nextInt(5) == 0 ? r.nextDouble() * 500 : 0.1 + r.nextDouble() * 30;
            Set<String> cells = Cells.covering(c, radius);
            assertTrue(cells.size() <= Cells.MAX_CELLS || cells.iterator().next().length() == 1, cells.size() + " cells");
            for (int k = 0; k < 20; k++) {
                LatLon p = pointAt(c, r.nextDouble() * radius, r.nextDouble() * 2 * Math.PI);
                String g = Geohash.encode(p, 12).value();
                assertTrue(cells.stream().anyMatch(g::startsWith), "point " + p + " at most " + radius + " km from " + c + " is outside " + cells);
            }
        }
    }

    @Test
    void aSmallRadiusNeedsOnlyAFewFineCells() {
        Set<String> cells = Cells.covering(new LatLon(52.5, 13.4), 5);
        assertTrue(cells.size() <= Cells.MAX_CELLS && cells.iterator().next().length() >= 4, cells.toString());
    }

    /** The point at a great-circle distance and bearing from a start. */
    static LatLon pointAt(LatLon s, double km, double bearing) {
        double d = km / LatLon.EARTH_RADIUS_KM, p1 = Math.toRadians(s.lat()), l1 = Math.toRadians(s.lon());
        double p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(bearing));
        double l2 = l1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
        double lon = Math.toDegrees(l2);
        lon = ((lon + 540) % 360) - 180;
        return new LatLon(Math.max(-90, Math.min(90, Math.toDegrees(p2))), lon);
    }
}
