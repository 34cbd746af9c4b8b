package io.stratum.orm.types;

import io.stratum.api.Api;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The reference's client default for run names: a random two-word slug such as {@code brave-otter}. */
@Api(Api.Status.STABLE)
public final class RunNames {
    private static final List<String> ADJECTIVES = List.of("amber", "brave", "calm", "daring", "eager", "fancy",
            "gentle", "happy", "icy", "jolly", "keen", "lively", "mellow", "nimble", "olive", "proud", "quiet",
            "rapid", "silver", "tidy", "urban", "vivid", "witty", "young", "zesty");
    private static final List<String> ANIMALS = List.of("ant", "bison", "crane", "dingo", "eagle", "ferret", "gecko",
            "heron", "ibis", "jackal", "koala", "lemur", "marmot", "newt", "otter", "panda", "quail", "raven",
            "seal", "tapir", "urchin", "vole", "walrus", "yak", "zebra");

    private RunNames() {
    }

    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + ANIMALS.get(random.nextInt(ANIMALS.size()));
    }
}
