package mutual.protocol.geo;

/** The rectangle of latitudes and longitudes a geohash cell covers, edges included. */
public record BoundingBox(double minLat, double maxLat, double minLon, double maxLon) {
    public LatLon centre() {
        return new LatLon((minLat + maxLat) / 2, (minLon + maxLon) / 2);
    }

    public boolean contains(LatLon p) {
        return p.lat() >= minLat && p.lat() <= maxLat && p.lon() >= minLon && p.lon() <= maxLon;
    }

    public double latSpan() {
        return maxLat - minLat;
    }

    public double lonSpan() {
        return maxLon - minLon;
    }
}
