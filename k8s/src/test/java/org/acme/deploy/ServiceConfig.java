package org.acme.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * The configuration keys a service really has: its application.properties, the {@code @ConfigMapping} and
 * {@code @ConfigProperty} declarations compiled into it and into the project modules it depends on, and the
 * Quarkus keys that deployment files may set. New keys are picked up from the code, with no list to keep here.
 */
final class ServiceConfig {

  /** Quarkus (extension) keys the deployment files may set although the service's files do not name them. */
  static final Set<String> QUARKUS_KEYS = Set.of(
      "quarkus.http.host", "quarkus.http.port",
      "quarkus.grpc.server.host", "quarkus.grpc.server.port",
      "quarkus.log.level", "quarkus.log.console.json",
      "quarkus.redis.hosts", "quarkus.redis.password",
      // SmallRye JWT: the token issuer's public key (the gateway)
      "mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location");

  /** Read by the image's entry point (the root Dockerfile), not by the application. */
  static final Set<String> IMAGE_ENV = Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND");

  private static final DotName CONFIG_MAPPING = DotName.createSimple("io.smallrye.config.ConfigMapping");
  private static final DotName WITH_NAME = DotName.createSimple("io.smallrye.config.WithName");
  private static final DotName WITH_PARENT_NAME = DotName.createSimple("io.smallrye.config.WithParentName");
  private static final DotName CONFIG_PROPERTY = DotName.createSimple("org.eclipse.microprofile.config.inject.ConfigProperty");
  private static final DotName MAP = DotName.createSimple(Map.class.getName());
  private static final Pattern PROJECT_DEPENDENCY = Pattern.compile(
      "<dependency>\\s*<groupId>org\\.acme\\.microservices</groupId>\\s*<artifactId>([\\w-]+)</artifactId>(.*?)</dependency>",
      Pattern.DOTALL);

  final String service;
  final Properties properties = new Properties();
  final Set<String> keys = new TreeSet<>();
  final List<Path> scannedClassDirs = new ArrayList<>();

  private ServiceConfig(String service) {
    this.service = service;
  }

  static ServiceConfig of(String service) {
    ServiceConfig config = new ServiceConfig(service);
    Path file = Repo.path(service, "src/main/resources/application.properties");
    try (InputStream in = Files.newInputStream(file)) {
      config.properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String key : config.properties.stringPropertyNames()) {
      config.keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
    }
    List<String> modules = new ArrayList<>();
    modules.add(service);
    modules.addAll(projectDependencies(service));
    for (String module : modules) {
      Path classes = Repo.path(module, "target/classes");
      if (Files.isDirectory(classes)) {
        config.scannedClassDirs.add(classes);
        config.keys.addAll(compiledKeys(classes));
      }
    }
    config.keys.addAll(QUARKUS_KEYS);
    // A Stork service's discovery attributes belong to whichever provider its type names (static list here,
    // kubernetes under k8s): a service the properties configure may take any of them.
    for (String key : config.properties.stringPropertyNames()) {
      int at = key.indexOf(".service-discovery.");
      if (key.startsWith("quarkus.stork.") && at > 0) {
        config.keys.add(key.substring(0, at) + ".service-discovery.*");
      }
    }
    return config;
  }

  /** The value application.properties gives a key (profile-less), or null. */
  String property(String key) {
    return properties.getProperty(key);
  }

  /**
   * The duration a key is set to for the running service (its {@code %prod.} value, else the profile-less one), read as
   * Quarkus reads durations: a bare number is seconds, {@code 500ms}, {@code 2d}, an ISO-8601 {@code PT...}, or
   * {@code 10s}/{@code 1m}/{@code 1h}; null when the key is not set.
   */
  java.time.Duration duration(String key) {
    String value = properties.getProperty("%prod." + key, properties.getProperty(key));
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.matches("-?\\d+")) {
      return java.time.Duration.ofSeconds(Long.parseLong(v));
    }
    if (v.startsWith("P") || v.startsWith("p") || v.startsWith("-P")) {
      return java.time.Duration.parse(v);
    }
    if (v.endsWith("ms")) {
      return java.time.Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
    }
    if (v.endsWith("d") || v.endsWith("D")) {
      return java.time.Duration.parse("P" + v);
    }
    return java.time.Duration.parse("PT" + v);
  }

  /** MicroProfile Config's environment-variable form of a key: non-alphanumerics to '_', upper case. */
  static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** Whether an environment variable sets one of this service's keys. */
  boolean accepts(String env) {
    if (IMAGE_ENV.contains(env)) {
      return true;
    }
    for (String key : keys) {
      if (key.endsWith(".*") ? env.startsWith(envName(key.substring(0, key.length() - 2)) + "_") : env.equals(envName(key))) {
        return true;
      }
    }
    return false;
  }

  /** Project modules (org.acme.microservices) this service depends on outside the test scope. */
  private static List<String> projectDependencies(String service) {
    List<String> modules = new ArrayList<>();
    Matcher m = PROJECT_DEPENDENCY.matcher(Repo.read(Repo.path(service, "pom.xml")));
    while (m.find()) {
      if (!m.group(2).contains("<scope>test</scope>")) {
        modules.add(m.group(1));
      }
    }
    return modules;
  }

  /** Keys declared by @ConfigMapping interfaces and @ConfigProperty injection points in compiled classes. */
  static Set<String> compiledKeys(Path classes) {
    Indexer indexer = new Indexer();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          indexer.index(in);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Index index = indexer.complete();
    Set<String> keys = new TreeSet<>();
    for (AnnotationInstance mapping : index.getAnnotations(CONFIG_MAPPING)) {
      AnnotationValue prefix = mapping.value("prefix");
      walk(index, mapping.target().asClass(), prefix == null ? "" : prefix.asString(), keys);
    }
    for (AnnotationInstance property : index.getAnnotations(CONFIG_PROPERTY)) {
      AnnotationValue name = property.value("name");
      if (name != null && !name.asString().isEmpty()) {
        keys.add(name.asString());
      }
    }
    return keys;
  }

  private static void walk(Index index, ClassInfo type, String prefix, Set<String> keys) {
    for (DotName parent : type.interfaceNames()) {
      ClassInfo parentInfo = index.getClassByName(parent);
      if (parentInfo != null) {
        walk(index, parentInfo, prefix, keys);
      }
    }
    for (MethodInfo method : type.methods()) {
      if (method.parametersCount() > 0 || java.lang.reflect.Modifier.isStatic(method.flags()) || !method.isAbstract()) {
        continue;
      }
      String name = method.hasAnnotation(WITH_PARENT_NAME) ? ""
          : method.hasAnnotation(WITH_NAME) ? method.annotation(WITH_NAME).value().asString() : kebab(method.name());
      String key = name.isEmpty() ? prefix : prefix.isEmpty() ? name : prefix + "." + name;
      Type returned = method.returnType();
      if (returned.kind() == Type.Kind.PARAMETERIZED_TYPE && returned.name().toString().equals("java.util.Optional")) {
        returned = returned.asParameterizedType().arguments().get(0);
      }
      ClassInfo group = index.getClassByName(returned.name());
      if (returned.name().equals(MAP)) {
        keys.add(key + ".*");
      } else if (group != null && group.isInterface()) {
        walk(index, group, key, keys);
      } else {
        keys.add(key);
      }
    }
  }

  /** SmallRye Config's default naming: camelCase method names become kebab-case keys. */
  static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** Every service's configuration, read once. */
  static Map<String, ServiceConfig> all() {
    Map<String, ServiceConfig> all = new HashMap<>();
    for (String service : Repo.services()) {
      all.put(service, of(service));
    }
    return all;
  }
}
