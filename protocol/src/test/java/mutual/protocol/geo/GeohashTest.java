package mutual.protocol.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Geohash cells: known points, the one-character grid, wrapping, poles and random round trips. */
class GeohashTest {
    /*
     * The one-character grid, north row first; each row runs west to east from -180 to 180.
     * Written out by hand from the bit layout (lon, lat, lon, lat, lon) so the tests do not
     * reuse the code under test.
     */
    private static final String[] GRID = {"bcfguvyz", "89destwx", "2367kmqr", "0145hjnp"};

    @Test
    void encodesTheWellKnownExamplePoint() {
        assertEquals("u4pruydqqvj", Geohash.encode(57.64911, 10.40744, 11).value());
        assertEquals("u4pru", Geohash.encode(57.64911, 10.40744, Precision.NEAR).value());
        assertEquals("s0000", Geohash.encode(0, 0, 5).value());
    }

    @Test
    void decodesToACellThatContainsThePoint() {
        BoundingBox b = Geohash.of("u4pruydqqvj").bounds();
        assertTrue(b.contains(new LatLon(57.64911, 10.40744)));
        assertEquals(57.64911, b.centre().lat(), 1e-5);
        assertEquals(10.40744, b.centre().lon(), 1e-5);
        LatLon c = Geohash.of("ezs42").centre();
        assertEquals(42.605, c.lat(), 0.01);
        assertEquals(-5.603, c.lon(), 0.01);
    }

    @Test
    void placesEveryOneCharacterCellWhereTheGridSaysItIs() {
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 8; col++) {
                BoundingBox b = Geohash.of(String.valueOf(GRID[row].charAt(col))).bounds();
                assertEquals(90 - 45 * row, b.maxLat());
                assertEquals(-180 + 45 * col, b.minLon());
            }
        }
    }

    @Test
    void findsTheEightNeighboursOfAnInlandCell() {
        Map<Direction, Geohash> n = Geohash.of("s").neighbours();
        assertEquals(8, n.size());
        assertEquals("u", n.get(Direction.N).value());
        assertEquals("v", n.get(Direction.NE).value());
        assertEquals("t", n.get(Direction.E).value());
        assertEquals("m", n.get(Direction.SE).value());
        assertEquals("k", n.get(Direction.S).value());
        assertEquals("7", n.get(Direction.SW).value());
        assertEquals("e", n.get(Direction.W).value());
        assertEquals("g", n.get(Direction.NW).value());
    }

    @Test
    void wrapsAcrossTheAntimeridian() {
        assertEquals(Optional.of(Geohash.of("x")), Geohash.of("8").neighbour(Direction.W));
        assertEquals(Optional.of(Geohash.of("z")), Geohash.of("8").neighbour(Direction.NW));
        assertEquals(Optional.of(Geohash.of("r")), Geohash.of("8").neighbour(Direction.SW));
        assertEquals(Optional.of(Geohash.of("8")), Geohash.of("x").neighbour(Direction.E));
        // Fiji straddles the antimeridian: a cell just east of 180 has its west neighbour at the far east of the map.
        Geohash west = Geohash.encode(-17.7, -179.99, 5);
        Geohash across = west.neighbour(Direction.W).orElseThrow();
        assertEquals(180.0, across.bounds().maxLon());
        assertEquals(west.bounds().minLat(), across.bounds().minLat());
    }

    @Test
    void hasNoNeighboursBeyondThePoles() {
        Map<Direction, Geohash> n = Geohash.of("b").neighbours();
        assertEquals(5, n.size());
        assertFalse(n.containsKey(Direction.N) || n.containsKey(Direction.NE) || n.containsKey(Direction.NW));
        assertEquals("z", n.get(Direction.W).value());
        assertEquals("x", n.get(Direction.SW).value());
        assertEquals(Optional.empty(), Geohash.encode(-90, 30, 7).neighbour(Direction.S));
        assertTrue(Geohash.encode(-89.99, 30, 7).neighbour(Direction.S).isPresent(), "a small cell near the pole still has a row below it");
    }

    @Test
    void neighboursShareAnEdgeAndPointBack() {
        Random r = new Random(52);
        for (int i = 0; i < 3000; i++) {
            Geohash g = Geohash.encode(r.nextDouble(-90, 90), r.nextDouble(-180, 180), 1 + r.nextInt(12));
            BoundingBox b = g.bounds();
            g.neighbour(Direction.N).ifPresent(n -> {
                assertEquals(b.maxLat(), n.bounds().minLat());
                assertEquals(b.minLon(), n.bounds().minLon());
                assertEquals(Optional.of(g), n.neighbour(Direction.S));
            });
            Geohash e = g.neighbour(Direction.E).orElseThrow();
            assertEquals(b.maxLon() == 180 ? -180 : b.maxLon(), e.bounds().minLon());
            assertEquals(b.minLat(), e.bounds().minLat());
            assertEquals(Optional.of(g), e.neighbour(Direction.W));
            assertEquals(g.neighbour(Direction.NE), g.neighbour(Direction.N).flatMap(n -> n.neighbour(Direction.E)));
        }
    }

    @Test
    void roundTripsRandomPointsAtEveryLength() {
        Random r = new Random(1);
        for (int i = 0; i < 20000; i++) {
            double lat = r.nextDouble(-90, 90), lon = r.nextDouble(-180, 180);
            int len = 1 + r.nextInt(12);
            Geohash g = Geohash.encode(lat, lon, len);
            assertEquals(len, g.length());
            assertTrue(g.bounds().contains(new LatLon(lat, lon)), g + " contains " + lat + "," + lon);
            assertEquals(g, Geohash.encode(g.centre(), len));
            assertEquals(g, Geohash.of(g.value()));
            if (len < 12) assertEquals(g, Geohash.encode(lat, lon, len + 1).parent().orElseThrow());
            assertTrue(g.prefix(1).contains(g));
        }
    }

    @Test
    void knowsTheSizeOfMutualsPrecisionLevels() {
        assertEquals(39.1, Geohash.cellWidthKm(4), 0.1);
        assertEquals(19.5, Geohash.cellHeightKm(4), 0.1);
        assertEquals(4.89, Geohash.cellWidthKm(5), 0.01);
        assertEquals(0.153, Geohash.cellWidthKm(7), 0.001);
        assertEquals(40, Precision.REGION.approximateKm(), 1);
        assertEquals(5, Precision.NEAR.approximateKm(), 0.2);
        assertEquals(0.15, Precision.PRECISE.approximateKm(), 0.01);
        Geohash north = Geohash.encode(60, 10, 5);
        assertEquals(north.heightKm(), Geohash.cellHeightKm(5), 1e-9);
        assertEquals(Geohash.cellWidthKm(5) / 2, north.widthKm(), 0.05, "cells at 60°N are half as wide");
    }

    @Test
    void picksThePrecisionWhoseCellsCoverARadius() {
        assertEquals(12, Geohash.precisionForRadius(0));
        assertEquals(7, Geohash.precisionForRadius(0.1));
        assertEquals(5, Geohash.precisionForRadius(1));
        assertEquals(4, Geohash.precisionForRadius(5));
        assertEquals(1, Geohash.precisionForRadius(20000));
        assertEquals(Precision.PRECISE, Precision.forRadius(0.1));
        assertEquals(Precision.NEAR, Precision.forRadius(1));
        assertEquals(Precision.REGION, Precision.forRadius(5));
        assertEquals(Precision.REGION, Precision.forRadius(500));
        assertThrows(IllegalArgumentException.class, () -> Geohash.precisionForRadius(Double.NaN));
    }

    @Test
    void measuresDistancesBetweenCellCentres() {
        Geohash paris = Geohash.encode(48.8566, 2.3522, 9), london = Geohash.encode(51.5074, -0.1278, 9);
        assertEquals(343.5, paris.distanceKm(london), 1.5);
        assertEquals(0, paris.distanceKm(paris));
        assertEquals(Math.PI * LatLon.EARTH_RADIUS_KM, new LatLon(0, 0).distanceKm(new LatLon(0, 180)), 1e-6);
    }

    @Test
    void rejectsWhatIsNotAGeohash() {
        assertThrows(IllegalArgumentException.class, () -> Geohash.of(""));
        assertThrows(IllegalArgumentException.class, () -> Geohash.of("u4pruydqqvjx1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Geohash.of("u4a")).getMessage().contains("'a' is not a geohash character"));
        assertThrows(IllegalArgumentException.class, () -> Geohash.of("U4PRU"));
        assertEquals(Optional.of(Geohash.of("u4pru")), Geohash.parse(" U4PRU "));
        assertEquals(Optional.empty(), Geohash.parse("hello"));
        assertThrows(IllegalArgumentException.class, () -> Geohash.encode(91, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> Geohash.encode(0, Double.NaN, 5));
        assertThrows(IllegalArgumentException.class, () -> Geohash.encode(0, 0, 13));
        assertThrows(IllegalArgumentException.class, () -> Geohash.of("u4").prefix(3));
    }
}
