package io.processflow.api;

/**
 * An {@link Operator} that declares what it outputs: {@code T} is the type of the value {@link
 * #execute} returns, or of the value of the {@link java.util.concurrent.CompletionStage} it returns
 * ({@link Void} for an operator that outputs nothing). A {@link Task} method that returns a {@code
 * TypedOperator<T>} outputs {@code T}, so the processor checks {@code @From} parameters of its task
 * against {@code T}, as it does for a method returning {@code T}; a method returning a plain {@link
 * Operator} outputs {@code Object}.
 *
 * <p>A lambda can be one: {@code TypedOperator<Integer> count = ctx -> 42;}.
 *
 * @param <T> the task's output type
 */
@FunctionalInterface
public interface TypedOperator<T> extends Operator {}
