package dev.payspec;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a list operation that pages, with the way to the next ones: {@link #autoPaging()}
 * and {@link #stream()} go through every item of this page and the following ones, fetching each
 * page only when the previous one is used up and stopping after the last. Every page is requested
 * with the same filters and options as this one; only the position changes.
 *
 * <pre>{@code
 * for (Customer customer : stancer.customers().list(null, 50).autoPaging()) { ... }
 * }</pre>
 *
 * @param <T> the items' type
 */
public final class Page<T> {

  private final List<T> items;
  private final boolean hasMore;
  private final long start;
  private final Supplier<Page<T>> next;

  private Page(List<T> items, boolean hasMore, long start, Supplier<Page<T>> next) {
    this.items = List.copyOf(items);
    this.hasMore = hasMore;
    this.start = start;
    this.next = next;
  }

  /**
   * A page, as the SDK's services build it.
   *
   * @param next fetches the following page; called only when {@code hasMore}
   */
  public static <T> Page<T> of(List<T> items, boolean hasMore, long start, Supplier<Page<T>> next) {
    return new Page<>(items, hasMore, start, next);
  }

  /** The items of this page, in the provider's order. */
  public List<T> items() {
    return items;
  }

  /** Whether the provider has more items after this page. */
  public boolean hasMore() {
    return hasMore;
  }

  /** The position of this page's first item among all, from 0. */
  public long start() {
    return start;
  }

  /** The next page, fetched now, or empty after the last page. */
  public Optional<Page<T>> nextPage() {
    // A provider that claims more but sent nothing would otherwise be asked for the same page forever.
    return hasMore && !items.isEmpty() ? Optional.of(next.get()) : Optional.empty();
  }

  /** Every item of this page and of the pages after it, each page fetched when it is reached. */
  public Iterable<T> autoPaging() {
    return () -> new Iterator<>() {
      private Page<T> page = Page.this;
      private int index;

      @Override
      public boolean hasNext() {
        while (index >= page.items.size()) {
          Optional<Page<T>> following = page.nextPage();
          if (following.isEmpty()) {
            return false;
          }
          page = following.get();
          index = 0;
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no item after the last page");
        }
        return page.items.get(index++);
      }
    };
  }

  /** {@link #autoPaging()} as a sequential stream; pages are fetched as the stream is consumed. */
  public Stream<T> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(autoPaging().iterator(),
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  @Override
  public String toString() {
    return "Page[start=" + start + ", " + items.size() + " items, hasMore=" + hasMore + "]";
  }
}
