package mutual.app.aid;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Country names to ISO 3166 codes in every language the JDK knows ("Portugal", "Deutschland",
 * "Allemagne" → PT, DE, DE), so a place can be named the way a person writes it.
 */
final class Countries {
    private static final Map<String, String> BY_NAME = names();

    private Countries() {}

    /** The two-letter code for a code or a country name, ignoring case and accents. */
    static Optional<String> code(String given) {
        String g = Gazetteer.fold(given);
        if (g.length() == 2 && BY_NAME.containsValue(g.toUpperCase(Locale.ROOT))) return Optional.of(g.toUpperCase(Locale.ROOT));
        return Optional.ofNullable(BY_NAME.get(g));
    }

    private static Map<String, String> names() {
        Map<String, String> out = new HashMap<>();
        Locale[] languages = Locale.getAvailableLocales();
        for (String cc : Locale.getISOCountries()) {
            Locale country = Locale.of("", cc);
            for (Locale lang : languages) out.putIfAbsent(Gazetteer.fold(country.getDisplayCountry(lang)), cc);
        }
        return out;
    }
}
