package io.github.checkoutmtls.benchmarks;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * One way of making the benchmark's request.
 *
 * @param name the name printed in the tables
 * @param call makes one request, completing with its (ignored) body
 */
record Contender(String name, Supplier<Mono<?>> call) {

}
