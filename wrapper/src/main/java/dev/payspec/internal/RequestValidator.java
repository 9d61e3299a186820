package dev.payspec.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.payspec.ValidationException;
import dev.payspec.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * Checks a request before it is sent: the jakarta.validation annotations the generator put on the
 * models, then the provider's own rules. Every violation is reported at once, by JSON field name.
 * Not part of the public API.
 *
 * @param <T> the request model
 */
public final class RequestValidator<T> {

  // Building a validator factory is slow; one serves every client, and validators are thread-safe.
  private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
      .configure()
      .messageInterpolator(new ParameterMessageInterpolator())
      .propertyNodeNameProvider(new JsonNames())
      .buildValidatorFactory()
      .getValidator();

  private final Map<String, String> patternMessages;
  private final List<RequestRule<T>> rules;

  /**
   * @param patternMessages for a field whose {@code @Pattern} message would only show the regular
   *     expression, the rule in words
   * @param rules the rules that annotations do not carry
   */
  public RequestValidator(Map<String, String> patternMessages, List<RequestRule<T>> rules) {
    this.patternMessages = Map.copyOf(patternMessages);
    this.rules = List.copyOf(rules);
  }

  /** Throws {@link ValidationException} listing every violation of {@code request}. */
  public void check(String method, String path, T request) {
    if (request == null) {
      throw new ValidationException(method, path, List.of(new Violation("request", "is required")));
    }
    List<Violation> violations = new ArrayList<>();
    for (ConstraintViolation<T> violation : VALIDATOR.validate(request)) {
      violations.add(toViolation(violation.getPropertyPath().toString(), violation));
    }
    for (RequestRule<T> rule : rules) {
      rule.check(request, violations::add);
    }
    throwIfAny(method, path, violations);
  }

  /**
   * Checks one value, such as an id in a path, against the constraints of a model's property, so
   * that a pattern is read from the generated model rather than written again.
   *
   * @param patternMessage the pattern's rule in words, reported instead of the regular expression
   */
  public static void checkValue(String method, String path, Class<?> model, String property, String field, Object value,
      String patternMessage) {
    List<Violation> violations = new ArrayList<>();
    if (value == null) {
      violations.add(new Violation(field, "is required"));
    } else {
      for (ConstraintViolation<?> violation : VALIDATOR.validateValue(model, property, value)) {
        boolean pattern = violation.getConstraintDescriptor().getAnnotation() instanceof Pattern;
        violations.add(new Violation(field, pattern ? patternMessage : message(violation)));
      }
    }
    throwIfAny(method, path, violations);
  }

  /**
   * Whether {@code value} keeps the annotations of a model's property, so that a rule that adds to
   * an annotation (such as the email format) reports only what the annotation let through.
   */
  public static boolean keepsAnnotations(Class<?> model, String property, Object value) {
    return VALIDATOR.validateValue(model, property, value).isEmpty();
  }

  private Violation toViolation(String field, ConstraintViolation<?> violation) {
    if (violation.getConstraintDescriptor().getAnnotation() instanceof Pattern && patternMessages.containsKey(field)) {
      return new Violation(field, patternMessages.get(field));
    }
    return new Violation(field, message(violation));
  }

  private static String message(ConstraintViolation<?> violation) {
    return violation.getConstraintDescriptor().getAnnotation() instanceof NotNull ? "is required" : violation.getMessage();
  }

  private static void throwIfAny(String method, String path, List<Violation> violations) {
    if (!violations.isEmpty()) {
      violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
      throw new ValidationException(method, path, violations);
    }
  }

  /** Names a violated property by its JSON name ({@code live_mode}), as the spec and the provider do. */
  private static final class JsonNames implements PropertyNodeNameProvider {

    private final Map<String, String> names = new ConcurrentHashMap<>();

    @Override
    public String getName(Property property) {
      if (!(property instanceof JavaBeanProperty bean)) {
        return property.getName();
      }
      return names.computeIfAbsent(bean.getDeclaringClass().getName() + "#" + property.getName(),
          key -> jsonName(bean.getDeclaringClass(), property.getName()));
    }

    private static String jsonName(Class<?> type, String property) {
      String getter = "get" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
      try {
        Method method = type.getMethod(getter);
        JsonProperty json = method.getAnnotation(JsonProperty.class);
        return json == null || json.value().isEmpty() ? property : json.value();
      } catch (NoSuchMethodException e) {
        return property;
      }
    }
  }
}
