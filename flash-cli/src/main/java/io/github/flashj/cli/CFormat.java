package io.github.flashj.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers formatted as C's {@code printf("%.Nf")} formats them, from the exact binary value of the
 * double. Java's own {@code %f} rounds the shortest decimal form instead, so 78.475 (really
 * 78.47499999999999...) would come out as 78.48 where FLASH prints 78.47.
 */
final class CFormat {
    private CFormat() {
    }

    /** {@code printf("%.<decimals>f", value)}. */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return (Double.doubleToRawLongBits(value) < 0 ? "-" : "") + "nan";
        }
        if (Double.isInfinite(value)) {
            return value < 0 ? "-inf" : "inf";
        }
        String digits = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negativeZero = value == 0 && 1 / value < 0;
        return negativeZero && !digits.startsWith("-") ? "-" + digits : digits;
    }
}
