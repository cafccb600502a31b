package io.outpost.router;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** When the billing month that holds a moment began: 00:00 on the billing day, this month or the one before. */
final class BillingPeriod {

    private BillingPeriod() {
    }

    static LocalDate start(LocalDateTime now, int billingDay) {
        LocalDate date = now.toLocalDate();
        return date.getDayOfMonth() >= billingDay ? date.withDayOfMonth(billingDay) : date.minusMonths(1).withDayOfMonth(billingDay);
    }
}
