/** A program using Stratum from the module path: the api, the entities, and whichever dialect is present. */
module io.stratum.example.consumer {
    requires io.stratum.api;
    requires io.stratum.orm;
}
