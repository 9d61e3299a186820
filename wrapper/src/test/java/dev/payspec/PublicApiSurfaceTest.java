package dev.payspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No internal type is reachable from the public API: no public or protected member of a public
 * class outside {@code dev.payspec.internal} names a type of {@code dev.payspec.internal} in its
 * signature (parameters, return, generic arguments, exceptions, fields, supertypes). Read from the
 * wrapper's compiled classes, generated services included.
 */
class PublicApiSurfaceTest {

  @Test
  void noPublicOrProtectedMemberNamesAnInternalType() throws Exception {
    List<String> leaks = new ArrayList<>();
    List<Class<?>> classes = publicApiClasses();
    assertThat(classes).as("public classes of the wrapper").hasSizeGreaterThan(20);
    for (Class<?> type : classes) {
      check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
      for (Type implemented : type.getGenericInterfaces()) {
        check(type.getName() + " implements", implemented, leaks);
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        checkExecutable(type, constructor, leaks);
      }
      for (Method method : type.getDeclaredMethods()) {
        if (!method.isSynthetic() && visible(method)) {
          checkExecutable(type, method, leaks);
          check(where(type, method), method.getGenericReturnType(), leaks);
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field)) {
          check(where(type, field), field.getGenericType(), leaks);
        }
      }
    }
    assertThat(leaks).as("internal types reachable from the public API").isEmpty();
  }

  private static void checkExecutable(Class<?> type, Executable executable, List<String> leaks) {
    if (!visible(executable)) {
      return;
    }
    for (Type parameter : executable.getGenericParameterTypes()) {
      check(where(type, executable), parameter, leaks);
    }
    for (Type thrown : executable.getGenericExceptionTypes()) {
      check(where(type, executable), thrown, leaks);
    }
  }

  private static boolean visible(Member member) {
    return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
  }

  private static String where(Class<?> type, Member member) {
    return type.getName() + "#" + member.getName();
  }

  private static void check(String where, Type type, List<String> leaks) {
    if (type != null && type.getTypeName().contains("dev.payspec.internal.")) {
      leaks.add(where + ": " + type.getTypeName());
    }
  }

  /** The public classes of the wrapper's main output, outside the internal package, nested ones included. */
  private static List<Class<?>> publicApiClasses() throws IOException, ClassNotFoundException {
    Path classes = Path.of("target/classes");
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
        if (name.startsWith("dev.payspec.internal.") || name.endsWith("module-info")) {
          continue;
        }
        Class<?> type = Class.forName(name, false, PublicApiSurfaceTest.class.getClassLoader());
        if (isPublicApi(type)) {
          found.add(type);
        }
      }
    }
    return found;
  }

  private static boolean isPublicApi(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers()) && !(t != type && Modifier.isProtected(t.getModifiers()))) {
        return false;
      }
    }
    return !type.isSynthetic() && !type.isAnonymousClass();
  }
}
