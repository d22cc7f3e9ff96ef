package org.acme.transport.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.jboss.jandex.ArrayType;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;

/**
 * The Jandex index SmallRye's scanner reads types from. Quarkus indexes classes at build time and keeps no index at
 * run time, so the payload types are indexed here, from their class files: each type, and what its record components
 * or fields refer to, down to the JDK's own classes, which the scanner knows without an index.
 */
final class TypeIndex {

  private final Indexer indexer = new Indexer();
  private final Set<Class<?>> seen = new HashSet<>();

  /** A payload that is any JSON: not a data object, so not scanned. */
  static boolean anyJson(Type type) {
    return type == Object.class || type instanceof Class<?> c && JsonNode.class.isAssignableFrom(c);
  }

  void add(Type type) {
    switch (type) {
      case ParameterizedType p -> {
        add(p.getRawType());
        Arrays.stream(p.getActualTypeArguments()).forEach(this::add);
      }
      case GenericArrayType a -> add(a.getGenericComponentType());
      case WildcardType w -> Arrays.stream(w.getUpperBounds()).forEach(this::add);
      case Class<?> c when c.isArray() -> add(c.getComponentType());
      case Class<?> c -> addClass(c);
      default -> {
      }
    }
  }

  private void addClass(Class<?> type) {
    if (type.isPrimitive() || anyJson(type) || type.getName().startsWith("java.") || !seen.add(type)) {
      return;
    }
    try {
      indexer.indexClass(type);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the class file of " + type.getName(), e);
    }
    if (type.isRecord()) {
      Arrays.stream(type.getRecordComponents()).map(RecordComponent::getGenericType).forEach(this::add);
    } else {
      Arrays.stream(type.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getGenericType).forEach(this::add);
    }
  }

  Index index() {
    return indexer.complete();
  }

  /** The same type in Jandex's terms. */
  static org.jboss.jandex.Type jandex(Type type) {
    return switch (type) {
      case ParameterizedType p -> org.jboss.jandex.ParameterizedType.create(name(p.getRawType()),
          Arrays.stream(p.getActualTypeArguments()).map(TypeIndex::jandex).toArray(org.jboss.jandex.Type[]::new), null);
      case GenericArrayType a -> ArrayType.create(jandex(a.getGenericComponentType()), 1);
      case WildcardType w -> jandex(w.getUpperBounds()[0]);
      case Class<?> c when c.isArray() -> ArrayType.create(jandex(c.getComponentType()), 1);
      case Class<?> c when c.isPrimitive() -> org.jboss.jandex.Type.create(DotName.createSimple(c.getName()), org.jboss.jandex.Type.Kind.PRIMITIVE);
      case Class<?> c -> ClassType.create(DotName.createSimple(c.getName()));
      default -> ClassType.create(DotName.createSimple(Object.class.getName()));
    };
  }

  private static DotName name(Type raw) {
    return DotName.createSimple(((Class<?>) raw).getName());
  }
}
