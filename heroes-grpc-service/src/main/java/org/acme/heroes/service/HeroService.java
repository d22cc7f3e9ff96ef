package org.acme.heroes.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.acme.heroes.HeroRecord;
import org.acme.heroes.config.HeroesConfig;

/**
 * The heroes, read once from the JSON resource named by {@code heroes.source}. The list is small and never changes
 * at run time, so it lives in memory. {@code @Startup} reads it eagerly: a missing or broken file fails start-up
 * rather than the first call.
 */
@Startup
@ApplicationScoped
public class HeroService {

  private final List<HeroRecord> heroes;
  private final Map<Integer, HeroRecord> byId;
  private final String source;

  public HeroService(HeroesConfig config, ObjectMapper mapper) {
    this.source = config.source();
    this.heroes = List.copyOf(read(source, mapper));
    this.byId = heroes.stream().collect(Collectors.toUnmodifiableMap(HeroRecord::id, Function.identity()));
    Log.infof("Loaded %d heroes from %s", heroes.size(), source);
  }

  /** Every hero, in file order (which is also the stream order). */
  public List<HeroRecord> findAll() {
    return heroes;
  }

  public Optional<HeroRecord> findById(int id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The resource the heroes were read from, for the readiness check. */
  public String source() {
    return source;
  }

  private static List<HeroRecord> read(String resource, ObjectMapper mapper) {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Heroes resource not found on the classpath: " + resource);
      }
      return mapper.readValue(in, new TypeReference<List<HeroRecord>>() { });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read heroes from " + resource, e);
    }
  }
}
