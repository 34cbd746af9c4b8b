/**
 * The {@code stratum} command's entry point and its exit codes, which scripts may rely on.
 *
 * <p>Not here: the commands themselves ({@code io.stratum.cli.internal}); their options are documented in
 * {@code cli/README.md} and by {@code --help}.
 */
package io.stratum.cli;
