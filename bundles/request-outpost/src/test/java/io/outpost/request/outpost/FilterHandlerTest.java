package io.outpost.request.outpost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.filter.FilterStatistics;
import io.outpost.api.filter.FilterTotals;
import io.outpost.api.filter.RuleStatus;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

class FilterHandlerTest {

    private final FilterStatistics statistics = new FilterStatistics() {
        @Override
        public List<ChannelStatistics> channels() {
            return List.of(new ChannelStatistics("boiler", "temperature", "rule-hot", 10, 2, 1, 3, 4, 1000, 200, "high"),
                new ChannelStatistics("pump", "flow", "", 5, 0, 0, 5, 0, 500, 500, ""));
        }

        @Override
        public FilterTotals totals() {
            return new FilterTotals(15, 2, 1, 8, 4, 2, 1, 8, 0, 1500, 700);
        }

        @Override
        public List<RuleStatus> ruleStatus() {
            return List.of(new RuleStatus("rule-bad", true, "'high' x is not a number", List.of("hysteresys")),
                new RuleStatus("rule-hot", false, "", List.of()));
        }
    };
    private final FilterHandler handler = new FilterHandler(statistics);

    @Test
    void rulesSayWhichAreRefusedAndWhy() {
        Response r = handler.handle(Requests.of("OUTPOST-FILTER-V1", Verb.GET, "rules", null));
        assertEquals(200, r.code());
        assertEquals("{\"rules\":[{\"name\":\"rule-bad\",\"refused\":true,\"reason\":\"'high' x is not a number\",\"unknownKeys\":[\"hysteresys\"]},"
            + "{\"name\":\"rule-hot\",\"refused\":false,\"reason\":\"\",\"unknownKeys\":[]}]}", Requests.body(r));
    }

    @Test
    void channelsOfOneDeviceOrAllAndTotalsWithTheSavedShare() {
        String all = Requests.body(handler.handle(Requests.of("OUTPOST-FILTER-V1", Verb.GET, "channels", null)));
        assertTrue(all.contains("\"device\":\"boiler\"") && all.contains("\"device\":\"pump\""), all);
        String boiler = Requests.body(handler.handle(Requests.of("OUTPOST-FILTER-V1", Verb.GET, "channels/boiler", null)));
        assertTrue(boiler.startsWith("{\"channels\":[{\"device\":\"boiler\",\"channel\":\"temperature\",\"rule\":\"rule-hot\",\"readingsIn\":10,"), boiler);
        assertTrue(!boiler.contains("pump"), boiler);
        assertEquals(404, handler.handle(Requests.of("OUTPOST-FILTER-V1", Verb.GET, "channels/nobody", null)).code());
        String totals = Requests.body(handler.handle(Requests.of("OUTPOST-FILTER-V1", Verb.GET, "totals", null)));
        assertTrue(totals.startsWith("{\"readingsIn\":15,") && totals.contains("\"savedRatio\":0.5333"), totals);
    }

    @Test
    void anythingElseIs404NamingWhatExists() {
        Response r = handler.handle(Requests.of("OUTPOST-FILTER-V1", Verb.PUT, "rules", "{}"));
        assertEquals(404, r.code());
        assertTrue(r.message().contains("GET rules"), r.message());
        assertEquals(404, handler.handle(Requests.of("OUTPOST-FILTER-V1", Verb.GET, "", null)).code());
        assertEquals(404, handler.handle(Requests.of("OUTPOST-FILTER-V1", Verb.GET, "channels/a/b", null)).code());
    }
}
