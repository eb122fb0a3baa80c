package io.github.checkoutmtls.api;

import java.util.Comparator;

import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * The build's random method order, except that methods with an {@link Order} keep their
 * place at either end: a cold burst ({@code @Order(1)}) runs first, on the client its
 * test class's context has just started, and a test that dirties its context
 * ({@code @Order(Integer.MAX_VALUE)}) runs last, so that one context serves the class.
 */
final class ColdBurstFirst implements MethodOrderer {

	private final MethodOrderer random = new MethodOrderer.Random();

	@Override
	public void orderMethods(MethodOrdererContext context) {
		this.random.orderMethods(context);
		context.getMethodDescriptors().sort(Comparator.comparingInt(ColdBurstFirst::order));
	}

	private static int order(MethodDescriptor method) {
		return method.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT);
	}

}
