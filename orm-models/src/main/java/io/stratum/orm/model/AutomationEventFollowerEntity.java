package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.AutomationEventFollower;
import io.stratum.orm.internal.FollowerConverter;
import io.stratum.orm.types.ReceivedEvent;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code automation_event_follower}: an event waiting for the event it follows. Unique key:
 * ({@code scope}, {@code follower_event_id}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "AutomationEventFollower")
@Table(name = "automation_event_follower")
public class AutomationEventFollowerEntity extends BaseEntity implements AutomationEventFollower {
    @Column(name = "scope", nullable = false)
    private String scope = "";

    @Column(name = "leader_event_id", nullable = false)
    private UUID leaderEventId;

    @Column(name = "follower_event_id", nullable = false)
    private UUID followerEventId;

    @Column(name = "received", nullable = false)
    private Instant received;

    @Mutable
    @Convert(converter = FollowerConverter.class)
    @Column(name = "follower", nullable = false)
    private ReceivedEvent follower;

    public AutomationEventFollowerEntity() {
    }

    @Override
    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    @Override
    public UUID getLeaderEventId() {
        return leaderEventId;
    }

    public void setLeaderEventId(UUID leaderEventId) {
        this.leaderEventId = leaderEventId;
    }

    @Override
    public UUID getFollowerEventId() {
        return followerEventId;
    }

    public void setFollowerEventId(UUID followerEventId) {
        this.followerEventId = followerEventId;
    }

    public Instant getReceived() {
        return received;
    }

    public void setReceived(Instant received) {
        this.received = Timestamps.micros(received);
    }

    public ReceivedEvent getFollower() {
        return follower;
    }

    public void setFollower(ReceivedEvent follower) {
        this.follower = follower;
    }
}
