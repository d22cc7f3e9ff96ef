# Every service's image, built from source: Maven in the first stage, the service's Quarkus fast-jar on a Java 25 JRE
# in the last, as a non-root user. One Dockerfile for every service; the service is a build argument:
#   docker build --build-arg SERVICE=math-service -t local/nest-math-service:dev .
# (docker compose up --build does it for each service.) The build stage is the same for every service, so it runs
# once and the other services reuse it from the build cache. Only the public images maven and eclipse-temurin are
# needed; a machine with no registry can make stand-ins under those names (scripts/docker/stand-ins.sh).
# Configuration comes from environment variables over application.properties: QUARKUS_HTTP_PORT, NEST_NATS_URL, ...
# The first two stages are the stack's one-shot secrets maker (docker-compose.yml's `secrets`, target: secrets); they
# come first because the classic builder (docker-compose 1.29) builds every stage before a target.

# The secrets maker: one Java file (scripts/docker/secrets/Secrets.java), compiled by the JDK, run on the JRE.
FROM maven:3.9-eclipse-temurin-25 AS secrets-build
COPY scripts/docker/secrets/Secrets.java /src/
RUN javac -d /classes /src/Secrets.java

FROM eclipse-temurin:25-jre AS secrets
COPY --from=secrets-build /classes /opt/secrets
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-cp", "/opt/secrets", "Secrets"]
CMD ["init"]

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /build
COPY . .
# -pl '!k8s': that module only holds tests of the deployment files; -T 1C: modules in parallel, a thread per core
RUN mvn -B -ntp -q -T 1C package -DskipTests -Djacoco.skip=true -pl '!k8s'

FROM eclipse-temurin:25-jre
ARG SERVICE
RUN useradd --system --uid 185 --gid 0 --home-dir /deployments --create-home app
WORKDIR /deployments
# Dependencies first: they change less often than the application, so their layer is reused.
COPY --from=build --chown=185:0 /build/${SERVICE}/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build --chown=185:0 /build/${SERVICE}/target/quarkus-app/*.jar /deployments/
COPY --from=build --chown=185:0 /build/${SERVICE}/target/quarkus-app/app/ /deployments/app/
COPY --from=build --chown=185:0 /build/${SERVICE}/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY scripts/docker/service/healthcheck.sh /usr/local/bin/healthcheck
COPY scripts/docker/with-secrets.sh /usr/local/bin/with-secrets
USER 185
# In a container the app listens on every interface. Set QUARKUS_MANAGEMENT_PORT (health, metrics): the health check
# reads it; leave that port unpublished and publish only the HTTP port.
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_MANAGEMENT_HOST=0.0.0.0 \
    JAVA_OPTS="-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    JAVA_OPTS_APPEND=""
# The JDK's AOT cache, trained on this very image (scripts/docker/service/aot-train.sh), then used by every start.
COPY scripts/docker/service/aot-train.sh /usr/local/bin/aot-train
RUN aot-train
ENV JAVA_OPTS="${JAVA_OPTS} -XX:AOTCache=/deployments/app.aot"
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["healthcheck"]
# with-secrets: under docker compose, the service's own secrets (its broker password, ...) from its secrets volume
ENTRYPOINT ["with-secrets", "/bin/sh", "-c", "exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]
