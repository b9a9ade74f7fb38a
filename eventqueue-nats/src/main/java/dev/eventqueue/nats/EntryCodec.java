package dev.eventqueue.nats;

import dev.eventqueue.queue.NodeHeartbeat;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of entries and node heartbeats in their buckets. */
final class EntryCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    byte[] write(EntryState state) {
        return mapper.writeValueAsBytes(state);
    }

    EntryState read(byte[] value) {
        return mapper.readValue(value, EntryState.class);
    }

    byte[] write(NodeHeartbeat node) {
        return mapper.writeValueAsBytes(node);
    }

    NodeHeartbeat readNode(byte[] value) {
        return mapper.readValue(value, NodeHeartbeat.class);
    }
}
