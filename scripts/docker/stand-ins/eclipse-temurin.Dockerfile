# Stand-in for the official eclipse-temurin:25-jre image: the local base image's JRE (jlink of Temurin 25) on the PATH,
# bash. Only for a machine with no image registry; see ../stand-ins.sh.
FROM local/debian-jre:bookworm
ENV JAVA_HOME=/opt/java
