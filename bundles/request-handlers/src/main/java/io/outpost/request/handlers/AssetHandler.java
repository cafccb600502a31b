package io.outpost.request.handlers;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.outpost.json.JsonOut;
import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.device.Device;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

/**
 * {@code ASSET-V1}, Kura's asset cloudlet, over Outpost devices (an asset is a device, named by its {@code name}):
 * {@code GET assets} lists channels with Kura's type and mode names; {@code EXEC read} reads now through
 * {@link Device#readNow}; {@code EXEC write} writes through {@link Device#write} and reports what the device
 * confirmed. Bodies are Kura's JSON arrays; 200 even when single channels fail, 400 for a bad body or resource.
 */
@Component(service = RequestHandler.class, property = RequestHandler.APP_ID + "=" + AssetHandler.APP_ID)
public final class AssetHandler implements RequestHandler {

    static final String APP_ID = "ASSET-V1";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile List<Device> devices = List.of();

    private final Supplier<List<Device>> deviceList;
    private final Clock clock;

    public AssetHandler() {
        this.deviceList = () -> devices;
        this.clock = Clock.systemUTC();
    }

    AssetHandler(Supplier<List<Device>> devices, Clock clock) {
        this.deviceList = devices;
        this.clock = clock;
    }

    @Override
    public Response handle(Request request) {
        String resource = request.resourcePath();
        try {
            if (request.verb() == Verb.GET && resource.equals("assets")) {
                return Response.ok(JsonOut.write(forEachAsset(request.body(), this::describe)));
            }
            if (request.verb() == Verb.EXEC && resource.equals("read")) {
                return Response.ok(JsonOut.write(read(JsonBody.parse(request.body()))));
            }
            if (request.verb() == Verb.EXEC && resource.equals("write")) {
                return Response.ok(JsonOut.write(write(JsonBody.parse(request.body()))));
            }
        } catch (IllegalArgumentException e) {
            return Response.badRequest(e.getMessage());
        }
        return Response.badRequest("ASSET-V1 has no " + request.verb() + " " + resource + " (GET assets, EXEC read, EXEC write)");
    }

    private Optional<Device> device(String name) {
        return deviceList.get().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private List<String> allNames() {
        return deviceList.get().stream().map(Device::name).sorted().toList();
    }

    /** Body absent, [] or [{"name": asset}, ...]: each asset through the function, an unknown one as "Asset not found". */
    private List<Object> forEachAsset(byte[] body, java.util.function.Function<Device, Map<String, Object>> each) {
        Object json = JsonBody.parse(body);
        List<String> names = new ArrayList<>();
        if (json != null) {
            for (Object entry : JsonBody.array(json, "body")) {
                names.add(JsonBody.string(JsonBody.object(entry, "asset"), "name", "asset"));
            }
        }
        if (names.isEmpty()) {
            names = allNames();
        }
        List<Object> out = new ArrayList<>();
        for (String name : names) {
            out.add(device(name).map(each).orElseGet(() -> notFound(name)));
        }
        return out;
    }

    private static Map<String, Object> notFound(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("error", "Asset not found");
        return m;
    }

    private Map<String, Object> describe(Device device) {
        List<Object> channels = new ArrayList<>();
        for (ChannelDescriptor c : device.channels()) {
            Map<String, Object> ch = new LinkedHashMap<>();
            ch.put("name", c.name());
            ch.put("type", KuraDataType.nameOf(c.valueType()));
            ch.put("mode", c.type().name());
            channels.add(ch);
        }
        return asset(device.name(), channels);
    }

    private static Map<String, Object> asset(String name, List<Object> channels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("channels", channels);
        return m;
    }

    private List<Object> read(Object json) {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        if (json != null) {
            for (Object entry : JsonBody.array(json, "body")) {
                Map<?, ?> asset = JsonBody.object(entry, "asset");
                List<String> channels = new ArrayList<>();
                if (asset.get("channels") != null) {
                    for (Object ch : JsonBody.array(asset.get("channels"), "channels")) {
                        channels.add(JsonBody.string(JsonBody.object(ch, "channel"), "name", "channel"));
                    }
                }
                wanted.put(JsonBody.string(asset, "name", "asset"), channels);
            }
        }
        if (wanted.isEmpty()) {
            allNames().forEach(n -> wanted.put(n, List.of()));
        }
        List<Object> out = new ArrayList<>();
        wanted.forEach((name, channels) -> out.add(device(name).map(d -> readAsset(d, channels)).orElseGet(() -> notFound(name))));
        return out;
    }

    private Map<String, Object> readAsset(Device device, List<String> channels) {
        Map<String, ValueType> types = new LinkedHashMap<>();
        device.channels().forEach(c -> types.put(c.name(), c.valueType()));
        List<Object> results = new ArrayList<>();
        try {
            for (Reading r : device.readNow(channels)) {
                long at = r.timestamp() == 0 ? clock.millis() : r.timestamp();
                Map<String, Object> ch = new LinkedHashMap<>();
                ch.put("name", r.channel());
                ch.put("timestamp", at);
                if (r.isGood()) {
                    ch.put("value", KuraDataType.text(r.value()));
                    ch.put("type", KuraDataType.nameOf(types.getOrDefault(r.channel(), r.value().type())));
                    ch.put("unit", r.unit().isEmpty() ? null : r.unit());
                } else {
                    ch.put("error", r.detail().isEmpty() ? "Unknown error" : r.detail());
                }
                results.add(ch);
            }
        } catch (RuntimeException e) {
            results.clear();
            List<String> failed = channels.isEmpty() ? device.channels().stream().filter(c -> c.type().canRead()).map(ChannelDescriptor::name).toList() : channels;
            for (String name : failed) {
                results.add(channelError(name, clock.millis(), e.getMessage() == null ? "Unknown error" : e.getMessage()));
            }
        }
        return asset(device.name(), results);
    }

    private static Map<String, Object> channelError(String name, long at, String error) {
        Map<String, Object> ch = new LinkedHashMap<>();
        ch.put("name", name);
        ch.put("timestamp", at);
        ch.put("error", error);
        return ch;
    }

    private List<Object> write(Object json) {
        if (json == null) {
            throw new IllegalArgumentException("EXEC write needs a body [{\"name\": asset, \"channels\": [{\"name\", \"type\", \"value\"}]}]");
        }
        // check the whole body first, so a bad one writes nothing
        Map<String, Map<String, Value>> plan = new LinkedHashMap<>();
        for (Object entry : JsonBody.array(json, "body")) {
            Map<?, ?> asset = JsonBody.object(entry, "asset");
            String name = JsonBody.string(asset, "name", "asset");
            Map<String, Value> values = plan.computeIfAbsent(name, n -> new LinkedHashMap<>());
            for (Object ch : JsonBody.array(asset.get("channels"), "asset '" + name + "': channels")) {
                Map<?, ?> channel = JsonBody.object(ch, "channel");
                String channelName = JsonBody.string(channel, "name", "channel");
                String what = "channel '" + channelName + "'";
                ValueType type = KuraDataType.parse(JsonBody.string(channel, "type", what));
                values.put(channelName, KuraDataType.value(JsonBody.string(channel, "value", what), type));
            }
        }
        List<Object> out = new ArrayList<>();
        plan.forEach((name, values) -> out.add(device(name).map(d -> writeAsset(d, values)).orElseGet(() -> notFound(name))));
        return out;
    }

    private Map<String, Object> writeAsset(Device device, Map<String, Value> values) {
        List<Object> results = new ArrayList<>();
        try {
            for (ChannelRecord r : device.write(values)) {
                long at = r.timestamp() == 0 ? clock.millis() : r.timestamp();
                if (r.isOk()) {
                    Map<String, Object> ch = new LinkedHashMap<>();
                    ch.put("name", r.channel());
                    ch.put("timestamp", at);
                    Value written = r.value() != null ? r.value() : values.get(r.channel());
                    ch.put("value", written == null ? null : KuraDataType.text(written));
                    ch.put("type", written == null ? null : KuraDataType.nameOf(written.type()));
                    results.add(ch);
                } else {
                    results.add(channelError(r.channel(), at, r.detail().isEmpty() ? "Unknown error" : r.detail()));
                }
            }
        } catch (RuntimeException e) {
            results.clear();
            values.keySet().forEach(n -> results.add(channelError(n, clock.millis(), e.getMessage() == null ? "Unknown error" : e.getMessage())));
        }
        return asset(device.name(), results);
    }
}
