package org.acme.gateway.heroes;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.acme.gateway.rest.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The heroes routes: HTTP/JSON in front of heroes-grpc-service (gRPC). Errors are problem details whose status
 * follows the gRPC code (see {@code GrpcProblemMapper}).
 */
@Path("/api/heroes")
@Tag(name = "heroes", description = "hero.HeroesService over gRPC")
public class HeroResource {

  private final HeroesClient heroes;

  public HeroResource(HeroesClient heroes) {
    this.heroes = heroes;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Every hero (FindMany)")
  @APIResponse(responseCode = "503", description = "heroes-grpc-service unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<List<Hero>> findMany() {
    return heroes.findMany();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One hero (FindOne)")
  @APIResponse(responseCode = "404", description = "No hero with this id", content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(responseCode = "400", description = "The id is zero or negative", content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Hero> findOne(@PathParam("id") int id) {
    return heroes.findOne(id);
  }

  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Operation(summary = "Every hero as server-sent events, as the service streams them (StreamHeroes)")
  public Multi<Hero> stream() {
    return heroes.stream();
  }
}
