package mutual.protocol.aid;

import java.math.BigDecimal;
import java.util.Optional;

/** How much is needed or offered ({@code ["quantity", amount, unit?]}): "3 kg", "2 seats", "1". */
public record Quantity(BigDecimal amount, Optional<String> unit) {
    public Quantity {
        if (amount.signum() <= 0) throw new IllegalArgumentException("a quantity is a positive number, got " + amount);
        unit = unit.filter(u -> !u.isBlank());
    }

    public static Quantity parse(String amount, Optional<String> unit) {
        try {
            return new Quantity(new BigDecimal(amount), unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quantity '" + amount + "' is not a number");
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + unit.map(u -> " " + u).orElse("");
    }
}
