# Stand-in for the official apache/kafka:4.1.2 image: the same Kafka from Maven Central's jars in /opt/kafka/libs
# (resolved with scripts/kafka/pom.xml, as ./dev does), bash, java on the PATH, user appuser 1000:1000 owning
# /var/lib/kafka. Only for a machine with no image registry; see ../stand-ins.sh. Build context: scripts/.
FROM local/debian-jre:bookworm AS jars
RUN mkdir -p /usr/share/man/man1 && apt-get update && apt-get install -y --no-install-recommends maven
COPY kafka/pom.xml /build/pom.xml
RUN mvn -B -ntp -f /build/pom.xml dependency:copy-dependencies -DoutputDirectory=/opt/kafka/libs -DincludeScope=runtime \
 && ls /opt/kafka/libs | grep -q '^kafka_2.13-'

FROM local/debian-jre:bookworm
RUN groupadd --gid 1000 appuser && useradd --uid 1000 --gid appuser --create-home --shell /bin/bash appuser \
 && mkdir -p /opt/kafka/config /var/lib/kafka/data && chown -R appuser:root /opt/kafka /var/lib/kafka
COPY --from=jars /opt/kafka/libs/ /opt/kafka/libs/
USER appuser
CMD ["bash"]
