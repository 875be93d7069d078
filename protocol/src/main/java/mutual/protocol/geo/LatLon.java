package mutual.protocol.geo;

/** A point on the earth in degrees (WGS 84, as phones report it). */
public record LatLon(double lat, double lon) {
    /** Mean earth radius used for distances; good to about 0.5 %, which is plenty for matching neighbours. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    public LatLon {
        if (!(lat >= -90 && lat <= 90)) throw new IllegalArgumentException("latitude " + lat + " is outside -90..90");
        if (!(lon >= -180 && lon <= 180)) throw new IllegalArgumentException("longitude " + lon + " is outside -180..180");
    }

    /** Great-circle distance by the haversine formula. */
    public double distanceKm(LatLon other) {
        double p1 = Math.toRadians(lat), p2 = Math.toRadians(other.lat);
        double dp = p2 - p1, dl = Math.toRadians(other.lon - lon);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
